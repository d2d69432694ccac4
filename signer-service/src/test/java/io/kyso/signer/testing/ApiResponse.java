package io.kyso.signer.testing;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** An HTTP answer as tests look at it: status, raw body, and the body as JSON when it is JSON. */
public record ApiResponse(int status, HttpHeaders headers, byte[] body, Object json) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        if (!(json instanceof Map)) {
            throw new AssertionError("expected a JSON object, got status " + status + ": " + text());
        }
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() {
        if (!(json instanceof List)) {
            throw new AssertionError("expected a JSON array, got status " + status + ": " + text());
        }
        return (List<Map<String, Object>>) json;
    }

    public String string(String field) {
        Object value = map().get(field);
        return value == null ? null : value.toString();
    }

    /** The problem's stable code, for error answers. */
    public String code() {
        return string("code");
    }

    public String contentType() {
        return headers.firstValue("content-type").orElse("");
    }

    public String text() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + text();
    }
}
