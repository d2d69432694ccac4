package io.kyso.signer.delivery;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;

/**
 * Delivery's first start-up check: the development outbox (codes readable through {@code /dev/outbox})
 * is refused outside {@code dev}. Which implementation carries each kind is checked when
 * {@link OtpSenders} selects them, once the service's secrets and PKI passed their checks.
 */
@Context
@Order(-400)
public class DeliveryStartupCheck {
    /** The development outbox's name in {@code kyso.delivery.*}. */
    static final String DEVELOPMENT_OUTBOX = "outbox";

    public DeliveryStartupCheck(DeliveryConfiguration config, Environment environment) {
        if (!environment.getActiveNames().contains(Environment.DEVELOPMENT)) {
            refuseOutbox("kyso.delivery.sms", config.sms());
            refuseOutbox("kyso.delivery.email", config.email());
        }
    }

    private static void refuseOutbox(String property, String name) {
        if (DEVELOPMENT_OUTBOX.equals(name)) {
            throw new ConfigurationException(property + ": the development outbox is refused outside the 'dev' environment");
        }
    }
}
