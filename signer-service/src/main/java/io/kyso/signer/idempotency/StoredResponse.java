package io.kyso.signer.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.nio.charset.StandardCharsets;

/**
 * The first answer to an idempotent call, as it is replayed: status, content type, location and
 * the JSON body exactly as first sent.
 */
public record StoredResponse(int status, String contentType, @Nullable String location, String body) {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** The stored answer again, marked as a replay. */
    public MutableHttpResponse<byte[]> toHttpResponse() {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(status))
                .contentType(contentType)
                .header(REPLAYED_HEADER, "true")
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (location != null) {
            response.header(HttpHeaders.LOCATION, location);
        }
        return response;
    }
}
