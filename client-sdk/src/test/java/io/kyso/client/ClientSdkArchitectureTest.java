package io.kyso.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** client-sdk fits any portal's class path: the JDK and nothing else, not even another Kyso module. */
class ClientSdkArchitectureTest {
    private static final JavaClasses SDK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.kyso.client");

    @Test
    void shouldDependOnTheJdkAlone() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "io.kyso.client..")
                .check(SDK);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.kyso.client.(**)").should().beFreeOfCycles().check(SDK);
    }
}
