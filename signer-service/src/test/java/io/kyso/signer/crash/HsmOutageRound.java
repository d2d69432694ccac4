package io.kyso.signer.crash;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The HSM goes away under load and comes back: while a thread is inside a confirmation, the
 * service's SoftHSM2 token directory is moved away, kept away for the configured time, and put
 * back. Meanwhile the answers must be 503 with a problem code and nothing may become FAILED; once
 * the token is back, signing must resume without a restart (waited for at most a minute; the time
 * to the first signature is reported); then everything acknowledged is checked as after a kill. If
 * signing did not resume, the service is restarted, so that the kills after this round find it working.
 */
final class HsmOutageRound {
    private static final Duration AIM_PATIENCE = Duration.ofMinutes(1);
    private static final Duration WARM_UP_PATIENCE = Duration.ofMinutes(2);

    private final CrashScenario scenario;

    HsmOutageRound(CrashScenario scenario) {
        this.scenario = scenario;
    }

    void run() throws IOException, InterruptedException {
        Ledger ledger = scenario.ledger;
        ledger.round("HSM outage");
        LoadRound load = LoadRound.start(scenario.citizens, scenario.settings.documents(), scenario.api, ledger);
        load.awaitFlows(scenario.settings.threads(), WARM_UP_PATIENCE);
        boolean inside = load.board().awaitInside(Phase.CONFIRM, AIM_PATIENCE);
        int errorsBefore = ledger.errors().size();
        long away = System.nanoTime();
        scenario.token.takeAway();
        String readiness = readinessWhile(scenario.settings.hsmOutage());
        scenario.token.putBack();
        long back = System.nanoTime();
        ledger.round("HSM back");
        OptionalLong firstSignature = awaitSignatureAfter(back);
        if (firstSignature.isPresent()) {
            load.awaitFlows(load.flows() + scenario.settings.threads(), WARM_UP_PATIENCE);
        }
        load.stop();
        scenario.ranFlows("HSM outage", load.flows());
        List<LostCallRetries.Retried> retried = new LostCallRetries(scenario.api, ledger,
                scenario.settings.inProgressPatience()).retryAll(ledger.takeLost(), "HSM outage");
        retried.forEach(r -> scenario.report.violations(r.violations()));
        long unavailable = ledger.errors().stream().skip(errorsBefore).filter(e -> e.status() == 503).count();
        scenario.report.line("HSM outage: token directory taken away " + (inside ? "with a thread inside CONFIRM"
                : "(no thread reached CONFIRM in time)") + ", put back after " + seconds(back - away)
                + "; /health/readiness during it: " + readiness + "; " + unavailable + " answers 503 since; "
                + "first signature after the token came back: " + (firstSignature.isPresent()
                ? seconds(firstSignature.getAsLong() - back) : "none within " + CrashSettings.RESUME_PATIENCE.toSeconds()
                + " s") + "; " + load.flows() + " flows");
        retried.forEach(r -> scenario.report.line("  retried " + r.call().describe() + ": " + r.answers()));
        judge(firstSignature, scenario.check("after the HSM outage"));
        if (firstSignature.isEmpty()) {
            restartForTheKills();
        }
    }

    /** As an operator would: the kills that follow need a service that signs. */
    private void restartForTheKills() throws IOException {
        long restarting = System.nanoTime();
        scenario.service.close();
        scenario.service.restart();
        scenario.report.line("signing had not resumed: the service was stopped (SIGTERM) and started again in "
                + CrashScenario.seconds(restarting) + " before the kills");
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private void judge(OptionalLong firstSignature, CrashScenario.Checked checked) {
        List<Violation> violations = new ArrayList<>();
        if (firstSignature.isEmpty()) {
            violations.add(new Violation("HSM back", Invariant.SIGNING_RESUMES, "signing", "the token back",
                    "no confirmation answered SIGNED within " + CrashSettings.RESUME_PATIENCE.toSeconds() + " s"));
        }
        for (UUID request : checked.newlyFailed()) {
            violations.add(new Violation("after the HSM outage", Invariant.HSM_LOSS_FAILS_NOTHING, "request " + request,
                    "AWAITING_CONFIRMATION, confirmed during or around the outage", "FAILED"));
        }
        List<String> leftovers = checked.outcome().temporaryFiles();
        if (!leftovers.isEmpty()) {
            // no crash yet: every call of the round has ended, so nothing it staged may stay
            violations.add(new Violation("after the HSM outage", Invariant.NO_LEFTOVER_TEMPORARY_FILES,
                    "tmp/ of the document store", "every call ended (no crash since the service started)",
                    leftovers.size() + " temporary files, e.g. " + leftovers.stream().limit(3).toList()));
        }
        scenario.report.violations(violations);
    }

    /** Polls {@code /health/readiness} while the token is away: whether the service saw the outage. */
    private String readinessWhile(Duration outage) throws InterruptedException {
        long end = System.nanoTime() + outage.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < end) {
            String status = Integer.toString(scenario.api.get("/health/readiness").status());
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        return String.join(" → ", seen);
    }

    private OptionalLong awaitSignatureAfter(long back) throws InterruptedException {
        long deadline = back + CrashSettings.RESUME_PATIENCE.toNanos();
        OptionalLong first = scenario.ledger.firstSignatureStartedAfter(back);
        while (first.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            first = scenario.ledger.firstSignatureStartedAfter(back);
        }
        return first;
    }
}
