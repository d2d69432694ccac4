package io.kyso.client.webhook;

import io.kyso.client.KysoException;

/** A webhook that must not be trusted: no or a wrong signature, too old, or not Kyso's format. Answer it 400. */
public class WebhookVerificationException extends KysoException {

    public WebhookVerificationException(String message) {
        super(message);
    }
}
