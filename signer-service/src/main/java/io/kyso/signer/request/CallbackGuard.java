package io.kyso.signer.request;

import io.kyso.signer.portal.Portal;

/**
 * Decides, when a request is created, whether its callback URL may be used. Declared here, where
 * requests are created, and implemented by the webhook feature, which owns the rules.
 */
public interface CallbackGuard {

    /** Throws a 400 problem if {@code portal} may not be called back at {@code callbackUrl}. */
    void requireAcceptable(Portal portal, String callbackUrl);
}
