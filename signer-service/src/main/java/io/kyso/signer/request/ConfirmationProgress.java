package io.kyso.signer.request;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the feature that confirms requests tells about one awaiting confirmation, for the request's
 * view. Declared here, where requests are shown; implemented by the confirmation feature, which
 * owns codes and attempts.
 */
public interface ConfirmationProgress {

    /** How many wrong codes the awaiting {@code request} still allows before it locks. */
    int attemptsLeft(Connection c, SigningRequest request) throws SQLException;
}
