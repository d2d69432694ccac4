package io.kyso.signer.crash;

import io.kyso.signer.testing.CitizenActivation;
import io.kyso.signer.testing.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One run of the harness on one database: the service in its own JVM with its own token and data
 * folder, citizens enrolled (and their credentials activated, as each citizen does), then kills mid-load ({@link #killMidLoad(int)}) and the HSM outage
 * ({@link HsmOutageRound}), each followed by the checks. What happens goes into the {@link CrashReport}.
 */
final class CrashScenario implements AutoCloseable {
    /**
     * Before a kill is aimed, the load completes one flow per thread (enough fresh acknowledgements to
     * lose), waited for at most this long; then a thread inside the phase aimed at, at most {@link #AIM_PATIENCE}.
     */
    private static final Duration WARM_UP_PATIENCE = Duration.ofMinutes(2);
    private static final Duration AIM_PATIENCE = Duration.ofMinutes(1);
    private static final int SIGKILL_STATUS = 128 + 9;

    final CrashSettings settings;
    final Ledger ledger = new Ledger();
    final CrashReport report;
    final SeparateSoftHsmToken token;
    final ServiceProcess service;
    final PortalApi api;
    final CrashChecks checks;
    final List<PortalWorker.Citizen> citizens;
    private Map<UUID, String> statuses = Map.of();
    private final List<String> idleRounds = new ArrayList<>();

    private CrashScenario(CrashDatabase database, CrashSettings settings, SeparateSoftHsmToken token,
                          ServiceProcess service) {
        this.settings = settings;
        this.report = new CrashReport(database + ", " + settings.threads() + " threads, " + settings.documents()
                + " PDFs per request, data in " + service.dataDir());
        this.token = token;
        this.service = service;
        this.api = new PortalApi(service.url());
        this.checks = new CrashChecks(api, ledger, service.dataDir().resolve("documents"));
        this.citizens = new ArrayList<>();
    }

    /** Starts the service as {@code scripts/run} does, on a new data folder and token, and enrolls the citizens. */
    static CrashScenario start(CrashDatabase database, CrashSettings settings) throws IOException, InterruptedException {
        Path dataDir = ServiceProcess.newDataDir();
        SeparateSoftHsmToken token = SeparateSoftHsmToken.create(dataDir, "kyso-crash");
        Map<String, String> environment = new HashMap<>(database.settings());
        environment.putAll(token.environment());
        long started = System.nanoTime();
        ServiceProcess service = ServiceProcess.start(List.of("-Xmx512m"), environment, dataDir, token.config());
        CrashScenario scenario = new CrashScenario(database, settings, token, service);
        scenario.report.line("started in " + seconds(started));
        scenario.enroll();
        return scenario;
    }

    private void enroll() {
        for (int i = 0; i < settings.threads(); i++) {
            String phone = String.format("+84901%06d", 100 + i);
            byte[] body = PortalApi.json(Map.of("nationalId", String.format("079098%06d", 100 + i),
                    "fullName", "Công Dân Thử Nghiệm " + (i + 1), "phone", phone));
            Answer enrolled = api.post("/api/v1/citizens", body, UUID.randomUUID().toString());
            if (enrolled.status() != 201) {
                throw new IllegalStateException("enrollment failed: " + enrolled.summary() + "\n" + service.describe());
            }
            CitizenActivation.activate(service.url(), enrolled.field("activationUrl"), phone, null);
            citizens.add(new PortalWorker.Citizen(UUID.fromString(enrolled.field("id")), phone));
        }
    }

    /** How a kill went: the load before it, where every thread was, how the process ended. */
    private record Kill(String warmUp, int flows, boolean inside, Map<Integer, PhaseBoard.Slot> threads, int status,
                        String medians) {
    }

    /**
     * Runs the load, kills the whole process with SIGKILL while a thread is deep inside the phase that
     * kill {@code number} aims at, restarts it on the same data, retries the calls whose answer was
     * lost, and checks everything acknowledged so far.
     */
    void killMidLoad(int number) throws IOException, InterruptedException {
        Phase aim = settings.aim(number);
        String name = "kill " + (number + 1) + " (aimed at " + aim + ")";
        ledger.round(name);
        Kill kill = killInside(aim);
        long restarting = System.nanoTime();
        service.restart();
        String restarted = seconds(restarting);
        ledger.round("after " + name);
        List<LostCallRetries.Retried> retried = new LostCallRetries(api, ledger, settings.inProgressPatience())
                .retryAll(ledger.takeLost(), name);
        report.line(name + ": load warm after " + kill.warmUp() + ", " + kill.flows() + " flows, then SIGKILL "
                + (kill.inside() ? "with a thread inside " + aim : "(no thread reached " + aim + " in time)")
                + "; threads were in " + CrashReport.phases(kill.threads()) + "; exit status " + kill.status()
                + "; restarted in " + restarted + "; call medians " + kill.medians());
        report.line("  threads at the kill: " + kill.threads());
        retried.forEach(r -> report.line("  retried " + r.call().describe() + ": " + r.answers()));
        retried.forEach(r -> report.violations(r.violations()));
        check("after " + name);
    }

    private Kill killInside(Phase aim) throws InterruptedException {
        long started = System.nanoTime();
        LoadRound load = LoadRound.start(citizens, settings.documents(), api, ledger);
        load.awaitFlows(settings.threads(), WARM_UP_PATIENCE);
        String warm = seconds(started);
        boolean inside = load.board().awaitInside(aim, AIM_PATIENCE);
        Map<Integer, PhaseBoard.Slot> at = load.board().snapshot();
        int status = service.kill();
        load.stop();
        if (status != SIGKILL_STATUS) {
            throw new IllegalStateException("the service ended with status " + status + ", not by SIGKILL");
        }
        ranFlows(aim + " kill", load.flows());
        return new Kill(warm, load.flows(), inside, at, status, load.board().medians());
    }

    /** Notes a round of load that completed no flow: nothing was tried there, so passing would prove nothing. */
    void ranFlows(String round, int flows) {
        if (flows == 0) {
            idleRounds.add(round);
        }
    }

    /** Why this run proves nothing, if it does not: rounds without a completed flow, or no signature at all. */
    List<String> unexercised() {
        List<String> reasons = new ArrayList<>();
        idleRounds.forEach(round -> reasons.add("the " + round + " round completed no portal flow"));
        if (ledger.requests().stream().noneMatch(r -> "SIGNED".equals(r.acknowledged()))) {
            reasons.add("no request was ever acknowledged SIGNED");
        }
        return reasons;
    }

    /** A check's outcome, and the requests that are FAILED now and were not at the check before. */
    record Checked(CrashChecks.Outcome outcome, List<UUID> newlyFailed) {
    }

    /** Runs the checks and keeps their violations in the report. */
    Checked check(String when) {
        long started = System.nanoTime();
        CrashChecks.Outcome outcome = checks.run(when);
        report.violations(outcome.violations());
        report.line("  check " + when + " (" + seconds(started) + "): " + outcome.summary() + "; "
                + outcome.violations().size() + " violation(s)");
        Map<UUID, String> before = statuses;
        statuses = outcome.statuses();
        return new Checked(outcome, statuses.entrySet().stream()
                .filter(e -> "FAILED".equals(e.getValue()) && !"FAILED".equals(before.get(e.getKey())))
                .map(Map.Entry::getKey).toList());
    }

    /**
     * Error answers of the whole run, counted in the report by round, call and answer; a 500, or an
     * error that is no problem with a stable code, is a violation (one per kind, with a few request ids).
     */
    void judgeErrorAnswers() {
        Map<String, List<Ledger.ErrorAnswer>> kinds = ledger.errors().stream().collect(Collectors.groupingBy(
                e -> e.round() + ": " + e.call() + " answered " + e.answer(), LinkedHashMap::new, Collectors.toList()));
        List<Violation> violations = new ArrayList<>();
        kinds.forEach((kind, errors) -> {
            report.line("error answers, " + kind + " ×" + errors.size());
            Ledger.ErrorAnswer first = errors.get(0);
            boolean problem = first.status() < 400 || first.code() != null && (first.status() < 500 || first.status() == 503);
            if (!problem) {
                String requests = errors.stream().map(Ledger.ErrorAnswer::requestId).filter(Objects::nonNull)
                        .distinct().limit(5).map(UUID::toString).collect(Collectors.joining(", "));
                violations.add(new Violation(first.round(), Invariant.ERRORS_ARE_PROBLEMS, first.call() + " ×" + errors.size()
                        + (requests.isEmpty() ? "" : " (requests " + requests + ", …)"),
                        "a problem with a stable code (503 if the HSM or the database is away)", first.answer()));
            }
        });
        report.violations(violations);
        ledger.harnessFailures().forEach(f -> report.line("HARNESS FAILURE: " + f));
    }

    static String seconds(long startedNanos) {
        return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    @Override
    public void close() {
        service.close();
    }
}
