package io.kyso.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The command line runs the engine with no service: no Micronaut, no HSM, no service code. */
class KysoVerifyArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.kyso.cli");

    @Test
    void shouldKnowNothingOfMicronautOrTheService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.kyso.signer..",
                "io.kyso.hsm..", "io.kyso.client..").check(CLI);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.kyso.cli.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(CLI);
    }
}
