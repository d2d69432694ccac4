package io.kyso.signer;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * signer-service's packages form one direction, as docs/architecture.md draws them: each stands on
 * a floor and imports only packages on lower floors (never its own floor's, never a higher one), so
 * there is no cycle and no import running back up. A new package must be given its floor here.
 */
class ArchitectureTest {
    private static final String ROOT = "io.kyso.signer";

    /** The floors of docs/architecture.md's picture, from the ground up. */
    static final Map<String, Integer> FLOORS = Map.ofEntries(
            Map.entry("problem", 0), Map.entry("support", 0), Map.entry("storage", 0),
            Map.entry("secrets", 0), Map.entry("metrics", 0), Map.entry("xml", 0),
            Map.entry("signing", 0),
            Map.entry("persistence", 1), Map.entry("hsm", 1), Map.entry("intake", 1),
            Map.entry("web", 1), Map.entry("openapi", 1), Map.entry("signing.appearance", 1), Map.entry("signing.xades", 1),
            Map.entry("delivery", 1), Map.entry("identity", 1),
            Map.entry("pki", 2), Map.entry("portal", 2), Map.entry("signing.pades", 2),
            Map.entry("factor", 2),
            Map.entry("health", 3), Map.entry("idempotency", 3), Map.entry("timestamping", 3),
            Map.entry("audit", 4),
            Map.entry("enrollment", 5), Map.entry("verification", 5), Map.entry("longterm", 5),
            Map.entry("request", 6), Map.entry("totp", 6), Map.entry("csc", 6),
            Map.entry("page.activation", 6),
            Map.entry("confirmation", 7), Map.entry("evidence", 7), Map.entry("webhook", 7),
            Map.entry("account", 7), Map.entry("page.authenticator", 7), Map.entry("archive", 7),
            Map.entry("page.confirmation", 8), Map.entry("page.citizen", 8), Map.entry("dev", 8),
            Map.entry("csc.oauth", 8),
            Map.entry("csc.api", 9), Map.entry("page.csc", 9),
            Map.entry("", 10));

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(service);
    }

    @Test
    void shouldImportOnlyPackagesOnLowerFloors() {
        classes().should(importOnlyLowerFloors()).check(service);
    }

    @Test
    void shouldKeepTheCitizensPagesOnTopOfTheFeatures() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".page..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".page..").check(service);
    }

    @Test
    void shouldKeepDocumentFormatsFreeOfServiceState() {
        noClasses().that().resideInAPackage(ROOT + ".signing..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".persistence..", ROOT + ".request..",
                        ROOT + ".confirmation..", ROOT + ".enrollment..", ROOT + ".audit..", ROOT + ".portal..",
                        "io.micronaut.http..")
                .check(service);
    }

    private static ArchCondition<JavaClass> importOnlyLowerFloors() {
        return new ArchCondition<>("import only packages on lower floors") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String from = feature(item.getPackageName());
                Integer fromFloor = FLOORS.get(from);
                if (fromFloor == null) {
                    events.add(SimpleConditionEvent.violated(item, "package " + item.getPackageName()
                            + " has no floor: give it one in ArchitectureTest.FLOORS and docs/architecture.md"));
                    return;
                }
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (!target.startsWith(ROOT)) {
                        continue;
                    }
                    String to = feature(target);
                    Integer toFloor = FLOORS.get(to);
                    if (!to.equals(from) && (toFloor == null || toFloor >= fromFloor)) {
                        events.add(SimpleConditionEvent.violated(dependency, "'" + from + "' (floor " + fromFloor
                                + ") imports '" + to + "' (floor " + toFloor + "): " + dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The package relative to the service's root: {@code signing.pades}, or {@code ""} for the root itself. */
    private static String feature(String packageName) {
        return packageName.equals(ROOT) ? "" : packageName.substring(ROOT.length() + 1);
    }
}
