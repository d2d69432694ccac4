package io.kyso.verification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The verification engine is plain Java on EU DSS: no framework, no service (docs/architecture.md). */
class VerificationArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.kyso.verification");

    @Test
    void shouldKnowNothingOfMicronautOrTheService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.kyso.signer..",
                "io.kyso.hsm..", "io.kyso.client..").check(ENGINE);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.kyso.verification.(**)").should().beFreeOfCycles().check(ENGINE);
    }
}
