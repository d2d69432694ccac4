package io.kyso.signer.crash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the portal side was told, written by the worker threads as answers arrive: each
 * request's acknowledged state and downloads, the POSTs whose answer was lost, the error answers
 * (with their time), and when signatures were answered. Thread-safe.
 */
final class Ledger {
    /** An answer other than success, kept for the report and the HSM outage's judgement. */
    record ErrorAnswer(String call, UUID requestId, String answer, int status, String code, long at, String round) {
    }

    private final Map<UUID, TrackedRequest> requests = new ConcurrentHashMap<>();
    private final Queue<LostCall> lost = new ConcurrentLinkedQueue<>();
    private final Queue<ErrorAnswer> errors = new ConcurrentLinkedQueue<>();
    private final Queue<Answer> signatures = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> harnessFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger flows = new AtomicInteger();
    private volatile String round = "start";

    /** Names the part of the run that answers belong to from now on, e.g. {@code kill 2 (aimed at CONFIRM)}. */
    void round(String name) {
        round = name;
    }

    String round() {
        return round;
    }

    /** A create answered 201: the request is acknowledged in the state answered. */
    TrackedRequest created(UUID citizenId, String phone, Answer answer, String call) {
        UUID id = UUID.fromString(answer.field("id"));
        TrackedRequest tracked = TrackedRequest.created(id, citizenId, phone, answer.field("reference"),
                List.copyOf(answer.documents().keySet()), answer.field("status"),
                answer.status() + " on " + call + ", " + round);
        requests.put(id, tracked);
        return tracked;
    }

    void code(UUID requestId, String code) {
        requests.computeIfPresent(requestId, (id, r) -> r.withCode(code));
    }

    /** A confirmation (or a GET) answered a state; signed documents' digests come with it. */
    void acknowledged(UUID requestId, Answer answer, String call) {
        Map<UUID, String> digests = new HashMap<>();
        answer.documents().forEach((doc, json) -> {
            if (json.get("signedSha256") != null) {
                digests.put(doc, json.get("signedSha256").toString());
            }
        });
        requests.computeIfPresent(requestId, (id, r) -> r.acknowledging(answer.field("status"),
                answer.status() + " on " + call + ", " + round, digests));
        if ("SIGNED".equals(answer.field("status")) && call.startsWith("confirm")) {
            signatures.add(answer);
        }
    }

    void downloaded(UUID requestId, UUID documentId, byte[] bytes) {
        requests.computeIfPresent(requestId, (id, r) -> r.withDownload(documentId, bytes));
    }

    void lost(LostCall call) {
        lost.add(call);
    }

    /** The lost calls not yet retried, removed from the ledger. */
    List<LostCall> takeLost() {
        List<LostCall> taken = new ArrayList<>();
        for (LostCall call = lost.poll(); call != null; call = lost.poll()) {
            taken.add(call);
        }
        return taken;
    }

    void error(String call, UUID requestId, Answer answer) {
        errors.add(new ErrorAnswer(call, requestId, answer.summary(), answer.status(), answer.code(), answer.answeredAt(),
                round));
    }

    List<ErrorAnswer> errors() {
        return List.copyOf(errors);
    }

    /** Something in the harness itself went wrong (not an answer of the service): the run cannot be judged. */
    void harnessFailure(Throwable failure) {
        harnessFailures.add(failure);
    }

    List<Throwable> harnessFailures() {
        return List.copyOf(harnessFailures);
    }

    void flowDone() {
        flows.incrementAndGet();
    }

    int flows() {
        return flows.get();
    }

    /** When the first confirmation answered SIGNED whose call started after {@code nanoTime}. */
    OptionalLong firstSignatureStartedAfter(long nanoTime) {
        return signatures.stream().filter(a -> a.startedAt() > nanoTime).mapToLong(Answer::answeredAt).min();
    }

    Collection<TrackedRequest> requests() {
        return List.copyOf(requests.values());
    }

    boolean knows(UUID requestId) {
        return requests.containsKey(requestId);
    }
}
