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
public class OtpChannels {
    private final Map<CodeChannel, OtpChannel> byKind = new EnumMap<>(CodeChannel.class);

    public OtpChannels(List<OtpChannel> available, DeliveryConfiguration config) {
        select(available, CodeChannel.SMS, "kyso.delivery.sms", config.sms());
        select(available, CodeChannel.EMAIL, "kyso.delivery.email", config.email());
    }

    private void select(List<OtpChannel> available, CodeChannel kind, String property, String name) {
        if (DeliveryConfiguration.NONE.equals(name)) {
            return;
        }
        OtpChannel channel = available.stream().filter(c -> c.name().equals(name) && c.carries(kind)).findFirst()
                .orElseThrow(() -> new ConfigurationException(property + ": no " + kind + " channel named '" + name
                        + "' is configured (available: " + available.stream().filter(c -> c.carries(kind))
                        .map(OtpChannel::name).collect(Collectors.joining(", ")) + ")"));
        byKind.put(kind, channel);
    }

    /** The implementation carrying {@code kind}, if that kind is switched on. Never for {@code APP}. */
    public Optional<OtpChannel> forKind(CodeChannel kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public boolean isActive(CodeChannel kind) {
        return byKind.containsKey(kind);
    }
}
