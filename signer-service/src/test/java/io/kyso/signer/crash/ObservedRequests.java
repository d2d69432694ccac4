package io.kyso.signer.crash;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The requests one check looked at, each fetched once with {@code GET /api/v1/signing-requests/{id}}:
 * every check reads the same answer for a request, whichever invariant asks.
 */
final class ObservedRequests {
    private final PortalApi api;
    private final Map<UUID, Answer> answers = new LinkedHashMap<>();

    ObservedRequests(PortalApi api) {
        this.api = api;
    }

    /** The request's answer (200 with the request, or 404); fails the check if the service does not answer, thrice. */
    Answer get(UUID id) {
        return answers.computeIfAbsent(id, key -> {
            Answer answer = api.get(PortalApi.REQUESTS + "/" + key);
            for (int attempt = 1; answer.lost() && attempt < 3; attempt++) {
                pause();
                answer = api.get(PortalApi.REQUESTS + "/" + key);
            }
            if (answer.lost()) {
                throw new IllegalStateException("the service did not answer GET of request " + key + ": "
                        + answer.lostBecause());
            }
            return answer;
        });
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean exists(UUID id) {
        return get(id).status() == 200;
    }

    /** Every request looked at that exists, with its answer. */
    Map<UUID, Answer> existing() {
        Map<UUID, Answer> existing = new LinkedHashMap<>();
        answers.forEach((id, answer) -> {
            if (answer.status() == 200) {
                existing.put(id, answer);
            }
        });
        return existing;
    }

    /** The state of a document as the request's answer shows it, or null. */
    static String documentStatus(Answer request, UUID document) {
        Map<String, Object> doc = request.documents().get(document);
        return doc == null ? null : String.valueOf(doc.get("status"));
    }

    static String signedSha256(Answer request, UUID document) {
        Map<String, Object> doc = request.documents().get(document);
        return doc == null || doc.get("signedSha256") == null ? null : doc.get("signedSha256").toString();
    }
}
