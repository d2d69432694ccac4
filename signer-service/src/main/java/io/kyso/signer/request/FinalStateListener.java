package io.kyso.signer.request;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Told, inside the transaction that makes it so, that a request reached a final state. Whatever it
 * writes commits or rolls back with the state change: nothing downstream (the webhook outbox) can
 * miss a final state or announce one that did not happen.
 */
public interface FinalStateListener {

    void onFinalState(Connection connection, UUID requestId, RequestStatus status, Instant at) throws SQLException;
}
