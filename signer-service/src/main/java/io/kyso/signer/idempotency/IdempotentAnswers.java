package io.kyso.signer.idempotency;

import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Lets a call write its answer in the same transaction as its effect. If the process dies after
 * that transaction commits, a retry with the same {@code Idempotency-Key} is answered from the
 * record instead of doing it again (a second request, a second enrollment) or refusing it (a
 * confirmation that already signed); if it dies before, nothing happened and the retry runs the
 * call afresh. A call without a key writes nothing.
 */
@Singleton
public class IdempotentAnswers {
    private final IdempotencyKeys keys;
    private final JsonMapper json;

    public IdempotentAnswers(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /**
     * Records, in the caller's transaction, the answer the call is about to give: {@code status}, an
     * optional {@code location} and {@code body} as JSON. Call it from the transaction that carries
     * the call's effect, with the state that transaction wrote.
     */
    public void record(Connection c, int status, String location, Object body) throws SQLException {
        var scope = IdempotencyScope.current();
        if (scope.isEmpty()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IdempotencyScope s = scope.get();
        if (keys.complete(c, s.portalId(), s.key(), s.requestHash(),
                new StoredResponse(status, MediaType.APPLICATION_JSON, location, text))) {
            s.answered().set(true);
        }
    }
}
