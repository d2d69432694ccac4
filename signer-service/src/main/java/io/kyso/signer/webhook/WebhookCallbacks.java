package io.kyso.signer.webhook;

import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.request.CallbackGuard;
import jakarta.inject.Singleton;

/** A callback URL is acceptable if the portal has a secret to sign with and the URL passes {@link CallbackUrlPolicy}. */
@Singleton
public class WebhookCallbacks implements CallbackGuard {
    private final CallbackUrlPolicy policy;
    private final WebhookSecrets secrets;

    public WebhookCallbacks(CallbackUrlPolicy policy, WebhookSecrets secrets) {
        this.policy = policy;
        this.secrets = secrets;
    }

    @Override
    public void requireAcceptable(Portal portal, String callbackUrl) {
        if (secrets.of(portal.id()).isEmpty()) {
            throw new KysoException(ErrorCode.REQUEST_CALLBACK_NOT_CONFIGURED, "Kyso has no webhook secret for this "
                    + "portal, so it cannot sign callbacks; ask Kyso's operator to configure one, or leave callbackUrl out.");
        }
        try {
            policy.requireAllowed(callbackUrl);
        } catch (CallbackUrlPolicy.RefusedException e) {
            throw new KysoException(ErrorCode.REQUEST_INVALID_CALLBACK_URL,
                    "The callback URL cannot be used: " + e.getMessage() + ".");
        }
    }
}
