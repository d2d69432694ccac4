package io.kyso.signer.crash;

import io.kyso.signer.testing.ApiResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one HTTP call got: the service's answer, or none ({@code lostBecause} says why: the
 * connection broke, the service was gone). Times are {@link System#nanoTime()}.
 */
record Answer(ApiResponse response, String lostBecause, long startedAt, long answeredAt) {

    boolean lost() {
        return response == null;
    }

    int status() {
        return lost() ? -1 : response.status();
    }

    /** A field of the JSON object answered, or null. */
    String field(String name) {
        return lost() || !(response.json() instanceof Map) ? null : response.string(name);
    }

    /** The problem's stable code, or null. */
    String code() {
        return field("code");
    }

    /** The documents of a signing request answered: id → the document's JSON object. */
    @SuppressWarnings("unchecked")
    Map<UUID, Map<String, Object>> documents() {
        Map<UUID, Map<String, Object>> documents = new LinkedHashMap<>();
        Object list = lost() || !(response.json() instanceof Map) ? null : response.map().get("documents");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                Map<String, Object> doc = (Map<String, Object>) item;
                documents.put(UUID.fromString(doc.get("id").toString()), doc);
            }
        }
        return documents;
    }

    /**
     * What was answered, shortly: {@code 201 AWAITING_CONFIRMATION}, {@code 409 idempotency.in_progress},
     * {@code no answer (…)}.
     */
    String summary() {
        if (lost()) {
            return "no answer (" + lostBecause + ")";
        }
        String detail = response.status() < 300 ? field("status") : code();
        return response.status() + (detail == null ? "" : " " + detail);
    }
}
