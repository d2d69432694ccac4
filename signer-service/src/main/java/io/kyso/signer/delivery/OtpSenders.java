package io.kyso.signer.delivery;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The channel implementation for each kind of code, as {@link DeliveryConfiguration} selects them.
 * Built once at start-up: a selection that names no available implementation stops the start
 * with the property's name.
 */
@Context
public class OtpSenders {
    private final Map<OtpChannel, OtpSender> byKind = new EnumMap<>(OtpChannel.class);

    public OtpSenders(List<OtpSender> available, DeliveryConfiguration config) {
        select(available, OtpChannel.SMS, "kyso.delivery.sms", config.sms());
        select(available, OtpChannel.EMAIL, "kyso.delivery.email", config.email());
    }

    private void select(List<OtpSender> available, OtpChannel kind, String property, String name) {
        if (DeliveryConfiguration.NONE.equals(name)) {
            return;
        }
        OtpSender channel = available.stream().filter(c -> c.name().equals(name) && c.carries(kind)).findFirst()
                .orElseThrow(() -> new ConfigurationException(property + ": no " + kind + " channel named '" + name
                        + "' is configured (available: " + available.stream().filter(c -> c.carries(kind))
                        .map(OtpSender::name).collect(Collectors.joining(", ")) + ")"));
        byKind.put(kind, channel);
    }

    /** The implementation carrying {@code kind}, if that kind is switched on. Never for {@code APP}. */
    public Optional<OtpSender> forKind(OtpChannel kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public boolean isActive(OtpChannel kind) {
        return byKind.containsKey(kind);
    }
}
