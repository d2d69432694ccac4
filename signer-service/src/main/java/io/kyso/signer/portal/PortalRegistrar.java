package io.kyso.signer.portal;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

import java.util.List;

/** At start-up, records every portal that configuration declares under {@code kyso.portals}. */
@Context
public class PortalRegistrar {
    private final PortalDirectory directory;
    private final List<PortalDefinition> definitions;

    public PortalRegistrar(PortalDirectory directory, List<PortalDefinition> definitions) {
        this.directory = directory;
        this.definitions = definitions;
    }

    @PostConstruct
    void registerConfiguredPortals() {
        for (PortalDefinition definition : definitions) {
            directory.register(definition.id(), definition.name(), definition.apiKeySha256());
        }
    }
}
