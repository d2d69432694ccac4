package io.kyso.signer.crash;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Nothing acknowledged is ever lost", tried as an operator would on {@code scripts/run}'s set-up:
 * the service in its own JVM (dev environment, SoftHSM2 token and data folder of its own), portal
 * flows on several threads over HTTP (create, read the code, confirm, download, every POST with an
 * {@code Idempotency-Key}), the whole process killed with SIGKILL while a thread is inside a create,
 * a confirmation, a download (in turn), restarted on the same data, the lost calls retried with the
 * same keys. The HSM outage comes first, on the fresh service, so that what the kills break cannot
 * hide what the outage does: the token directory taken away under load and put back. After each step,
 * every request the portal was told about is checked ({@link CrashChecks}); all violations are
 * reported together, per invariant, with the requests and what was acknowledged against what was found.
 *
 * <p>Knobs ({@link CrashSettings}): {@code -Dkyso.crash.threads=8 -Dkyso.crash.kills=3
 * -Dkyso.crash.documents=2 -Dkyso.crash.hsm-outage=5 -Dkyso.crash.in-progress-patience=20
 * -Dkyso.crash.databases=h2,postgresql}. The report also goes to {@code target/crash-harness/<database>.txt}.
 */
class CrashHarnessIT {

    static Stream<CrashDatabase> databases() {
        return CrashSettings.fromSystemProperties().databases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldLoseNothingAcknowledgedWhenKilledMidLoadOrWhenTheHsmGoesAway(CrashDatabase database) throws Exception {
        CrashSettings settings = CrashSettings.fromSystemProperties();
        CrashReport report;
        try (CrashScenario scenario = CrashScenario.start(database, settings)) {
            report = scenario.report;
            try {
                new HsmOutageRound(scenario).run();
                for (int kill = 0; kill < settings.kills(); kill++) {
                    scenario.killMidLoad(kill);
                }
            } finally {
                scenario.judgeErrorAnswers();
                report.write(Path.of("target", "crash-harness", database.name().toLowerCase(Locale.ROOT) + ".txt"));
                System.out.println(report.text());
            }
            assertTrue(scenario.ledger.harnessFailures().isEmpty(), () -> "the harness failed: "
                    + scenario.ledger.harnessFailures() + "\n" + scenario.service.describe());
            assertTrue(scenario.unexercised().isEmpty(), () -> "the run tried too little to judge the service: "
                    + scenario.unexercised() + "\n" + report.text());
        }
        assertTrue(report.violations().isEmpty(), report::text);
    }
}
