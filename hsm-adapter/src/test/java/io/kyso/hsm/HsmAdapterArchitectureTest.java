package io.kyso.hsm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** hsm-adapter knows PKCS#11 and nothing of HTTP, Micronaut or the service (docs/architecture.md). */
class HsmAdapterArchitectureTest {
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.kyso.hsm");

    @Test
    void shouldKnowNothingOfFrameworksOrTheService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "io.kyso.signer..",
                "io.kyso.verification..", "io.kyso.client..", "java.net.http..").check(ADAPTER);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.kyso.hsm.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(ADAPTER);
    }
}
