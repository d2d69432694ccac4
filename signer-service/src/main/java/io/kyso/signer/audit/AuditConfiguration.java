package io.kyso.signer.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * @param fullChainReaders ids of the API clients (e.g. an inspection authority registered as a portal)
 *                         allowed to export the whole audit chain, every portal's entries in full;
 *                         any other portal exports its own entries and only the hashes of the rest
 */
@ConfigurationProperties("kyso.audit")
public record AuditConfiguration(@Bindable(defaultValue = "") List<String> fullChainReaders) {
    public AuditConfiguration {
        fullChainReaders = fullChainReaders == null ? List.of()
                : fullChainReaders.stream().filter(id -> !id.isBlank()).toList();
    }
}
