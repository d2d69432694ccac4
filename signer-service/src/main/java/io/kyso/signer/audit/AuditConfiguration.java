package io.kyso.signer.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;

/**
 * @param fullChainReaders   ids of the API clients (e.g. an inspection authority registered as a portal)
 *                           allowed to read the whole audit chain, every portal's entries in full
 *                           ({@code scope=full}); any other portal reads its own chain only
 * @param macKey             the label of the HSM's generic secret key that authenticates every entry
 *                           (HMAC-SHA256; sensitive, never extractable), created by Kyso when the
 *                           token has none, checked at start-up
 * @param sequencerInterval  how often waiting records are chained (and how long, at most, an entry
 *                           waits unchained when nobody asks for the log)
 * @param sealInterval       how often the chain heads that moved are sealed and timestamped: the
 *                           longest stretch of newest entries that a database writer could remove
 *                           without a seal noticing
 */
@Context
@ConfigurationProperties("kyso.audit")
public record AuditConfiguration(@Bindable(defaultValue = "") List<String> fullChainReaders,
                                 @Bindable(defaultValue = "kyso-audit-mac") @NotBlank @Size(max = 64) String macKey,
                                 @Bindable(defaultValue = "200ms") @NotNull Duration sequencerInterval,
                                 @Bindable(defaultValue = "5m") @NotNull Duration sealInterval) {
    public AuditConfiguration {
        fullChainReaders = fullChainReaders == null ? List.of()
                : fullChainReaders.stream().filter(id -> !id.isBlank()).toList();
    }

    public boolean readsFullChain(String portalId) {
        return fullChainReaders.contains(portalId);
    }
}
