package io.kyso.signer.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * After a restart, sends every POST whose answer was lost again, exactly as it was, with the same
 * {@code Idempotency-Key}, as a portal's retry does; all at once. A create must answer 201 with the
 * request (the one the first call made, or a new one if it made none); a confirmation must answer
 * 200 SIGNED (the first call's answer, or the signing finished now). {@code 409 idempotency.in_progress}
 * is waited out for {@code inProgressPatience}, not longer; 503 and no answer for two minutes.
 */
final class LostCallRetries {
    /** How one retry went, for the report. */
    record Retried(LostCall call, String answers, List<Violation> violations) {
    }

    private static final Duration UNAVAILABLE_PATIENCE = Duration.ofMinutes(2);

    private final PortalApi api;
    private final Ledger ledger;
    private final Duration inProgressPatience;

    LostCallRetries(PortalApi api, Ledger ledger, Duration inProgressPatience) {
        this.api = api;
        this.ledger = ledger;
        this.inProgressPatience = inProgressPatience;
    }

    List<Retried> retryAll(List<LostCall> calls, String when) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(calls.size(), 16)));
        try {
            List<Future<Retried>> futures = new ArrayList<>();
            for (LostCall call : calls) {
                futures.add(pool.submit(() -> retry(call, when)));
            }
            List<Retried> retried = new ArrayList<>();
            for (Future<Retried> future : futures) {
                try {
                    retried.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a retry failed in the harness", e.getCause());
                }
            }
            return retried;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private Retried retry(LostCall call, String when) throws InterruptedException {
        List<String> answers = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Answer answer = sendUntilSettled(call, answers, violations, when);
        if (answer != null) {
            judge(call, answer, violations, when);
        }
        return new Retried(call, String.join(", ", answers), violations);
    }

    /** Sends until the answer is neither in-progress nor 503 nor missing; null if patience ran out. */
    private Answer sendUntilSettled(LostCall call, List<String> answers, List<Violation> violations, String when)
            throws InterruptedException {
        long start = System.nanoTime();
        long inProgressSince = -1;
        while (true) {
            Answer answer = api.post(call.path(), call.body(), call.idempotencyKey());
            note(answers, answer);
            long now = System.nanoTime();
            if ("idempotency.in_progress".equals(answer.code())) {
                inProgressSince = inProgressSince < 0 ? now : inProgressSince;
                if (now - inProgressSince > inProgressPatience.toNanos()) {
                    violations.add(new Violation(when, Invariant.IN_PROGRESS_IS_BRIEF, call.describe(),
                            "no answer (lost in the crash)", "409 idempotency.in_progress for more than "
                            + inProgressPatience.toSeconds() + " s after the restart"));
                    return null;
                }
            } else if (answer.lost() || answer.status() == 503) {
                if (now - start > UNAVAILABLE_PATIENCE.toNanos()) {
                    violations.add(new Violation(when, Invariant.RETRY_ANSWERS_FIRST_CALL, call.describe(),
                            "no answer (lost in the crash)", answer.summary() + " for " + UNAVAILABLE_PATIENCE.toMinutes()
                            + " minutes"));
                    return null;
                }
            } else {
                return answer;
            }
            Thread.sleep(answer.lost() ? 1000 : 500);
        }
    }

    private void judge(LostCall call, Answer answer, List<Violation> violations, String when) {
        String retry = "retry of the lost " + call.phase().name().toLowerCase(Locale.ROOT);
        if (call.phase() == Phase.CREATE && answer.status() == 201) {
            ledger.created(call.citizenId(), call.phone(), answer, retry);
        } else if (call.phase() == Phase.CONFIRM && answer.status() == 200 && "SIGNED".equals(answer.field("status"))) {
            ledger.acknowledged(call.requestId(), answer, retry);
            download(call.requestId(), answer);
        } else {
            String expected = "no answer (lost in the crash); the retry must answer " + (call.phase() == Phase.CREATE
                    ? "201 with the request" : "200 SIGNED");
            violations.add(new Violation(when, Invariant.RETRY_ANSWERS_FIRST_CALL, call.describe()
                    + (call.requestId() == null ? "" : " of request " + call.requestId()), expected, answer.summary()));
        }
    }

    /** The portal goes on as after any signature: it downloads the signed documents. */
    private void download(UUID request, Answer signed) {
        for (UUID document : signed.documents().keySet()) {
            Answer file = api.get(PortalWorker.signedPath(request, document));
            if (file.status() == 200) {
                ledger.downloaded(request, document, file.response().body());
            }
        }
    }

    private static void note(List<String> answers, Answer answer) {
        String summary = answer.summary();
        if (answers.isEmpty() || !answers.get(answers.size() - 1).endsWith(summary)) {
            answers.add(summary);
        } else {
            answers.set(answers.size() - 1, "repeatedly " + summary);
        }
    }
}
