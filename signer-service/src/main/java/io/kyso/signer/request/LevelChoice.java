package io.kyso.signer.request;

import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDefinition;
import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.SignatureLevel;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The level a new document is signed at: what its options ask, else its portal's default
 * ({@code kyso.portals.<id>.default-level}), else the deployment's ({@code kyso.signing.default-level}).
 * Chosen once, when the request is made, and kept with the document: a later change of
 * configuration does not change what a request awaiting confirmation will produce.
 */
@Singleton
public class LevelChoice {
    private final SignatureLevel deploymentDefault;
    private final Map<String, SignatureLevel> portalDefaults;
    private final boolean timestamping;

    public LevelChoice(SigningConfiguration config, List<PortalDefinition> portals, Environment environment) {
        this.deploymentDefault = config.defaultLevel();
        this.timestamping = timestampingConfigured(environment);
        this.portalDefaults = portals.stream().filter(p -> p.defaultLevel() != null)
                .collect(Collectors.toUnmodifiableMap(PortalDefinition::id, PortalDefinition::defaultLevel,
                        (a, b) -> a));
    }

    /** Whether this service has a timestamping authority ({@code kyso.timestamping.url}). */
    static boolean timestampingConfigured(Environment environment) {
        return environment.getProperty("kyso.timestamping.url", String.class).filter(url -> !url.isBlank()).isPresent();
    }

    /** Whether signatures of {@code level} can be made here: above B-B only with a timestamping authority. */
    public boolean possible(SignatureLevel level) {
        return timestamping || !level.isTimestamped();
    }

    public SignatureLevel levelFor(Portal portal, DocumentOptions options) {
        if (options.level() != null) {
            return options.level();
        }
        return portalDefaults.getOrDefault(portal.id(), deploymentDefault);
    }
}
