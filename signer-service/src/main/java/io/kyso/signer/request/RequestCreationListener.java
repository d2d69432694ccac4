package io.kyso.signer.request;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes part in the creation of a signing request: told inside the transaction that inserts it (so
 * whatever it writes commits or rolls back with the request — one transaction per create), it may
 * return what to do once that transaction is durable and before the portal's answer (the
 * confirmation feature stores the citizen's OTP in the transaction, and sends it after). Declared
 * here, where requests are created; implemented by the features that act on new requests.
 */
public interface RequestCreationListener {

    /** What to do after the commit; {@link #NOTHING} if nothing. */
    @FunctionalInterface
    interface AfterCommit {
        void run();
    }

    AfterCommit NOTHING = () -> { };

    AfterCommit onCreating(Connection connection, RequestCreated created) throws SQLException;
}
