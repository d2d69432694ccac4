package io.kyso.signer.request;

import io.kyso.signer.portal.PortalDefinition;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;

import java.util.List;

/**
 * Signing's start-up check: a default level above B-B (the deployment's, or a portal's) needs a
 * timestamping authority, so that the first confirmation does not fail instead of the start. Runs
 * after the PKI's check (docs/architecture.md, "Start-up checks").
 */
@Context
@Order(-40)
public class LevelStartupCheck {
    public LevelStartupCheck(SigningConfiguration config, List<PortalDefinition> portals, Environment environment) {
        if (LevelChoice.timestampingConfigured(environment)) {
            return;
        }
        if (config.defaultLevel().isTimestamped()) {
            throw new ConfigurationException("kyso.timestamping.url: documents are signed at " + config.defaultLevel()
                    + " by default (kyso.signing.default-level), which needs a timestamping authority");
        }
        for (PortalDefinition portal : portals) {
            if (portal.defaultLevel() != null && portal.defaultLevel().isTimestamped()) {
                throw new ConfigurationException("kyso.timestamping.url: portal '" + portal.id() + "' signs at "
                        + portal.defaultLevel() + " (kyso.portals." + portal.id()
                        + ".default-level), which needs a timestamping authority");
            }
        }
    }
}
