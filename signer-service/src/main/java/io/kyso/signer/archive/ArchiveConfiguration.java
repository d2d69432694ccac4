package io.kyso.signer.archive;

import io.kyso.hsm.DigestAlgorithm;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renewal of the archive timestamps of the B-LTA documents Kyso keeps.
 *
 * @param enabled          whether this instance runs the renewal job (every instance may: documents are leased)
 * @param pollInterval     how often the job looks for documents to renew
 * @param renewalHorizon   how long before its newest timestamp's authority certificate expires (or its
 *                         hash's sunset) a document is renewed
 * @param lease            how long a document being renewed is this instance's; a crash frees it after this
 * @param retryDelay       the pause after a failed renewal (an authority down, or one that could not do better)
 * @param batchSize        documents renewed per round
 * @param timestampDigest  the hash new archive timestamps are made over
 * @param algorithmSunsets for a hash (SHA256, SHA384, SHA512), the date from which it no longer counts
 *                         as strong: timestamps over it are renewed {@code renewalHorizon} before
 */
@Context
@ConfigurationProperties("kyso.archive")
public record ArchiveConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1h") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "90d") @NotNull Duration renewalHorizon,
        @Bindable(defaultValue = "15m") @NotNull Duration lease,
        @Bindable(defaultValue = "6h") @NotNull Duration retryDelay,
        @Bindable(defaultValue = "20") @Min(1) @Max(500) int batchSize,
        @Bindable(defaultValue = "SHA256") @NotNull DigestAlgorithm timestampDigest,
        @Nullable Map<String, String> algorithmSunsets) {

    public ArchiveConfiguration {
        sunsets(algorithmSunsets); // a misspelt hash or date stops the start, naming the property
    }

    /** From when each hash counts as deprecated. */
    public Map<DigestAlgorithm, Instant> sunsets() {
        return sunsets(algorithmSunsets);
    }

    private static Map<DigestAlgorithm, Instant> sunsets(Map<String, String> configured) {
        Map<DigestAlgorithm, Instant> sunsets = new EnumMap<>(DigestAlgorithm.class);
        if (configured == null) {
            return sunsets;
        }
        configured.forEach((name, date) -> {
            DigestAlgorithm algorithm = Arrays.stream(DigestAlgorithm.values())
                    .filter(a -> a.name().equalsIgnoreCase(name.replace("-", ""))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("kyso.archive.algorithm-sunsets." + name
                            + ": not a hash Kyso timestamps with (SHA256, SHA384, SHA512)"));
            try {
                sunsets.put(algorithm, LocalDate.parse(date.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("kyso.archive.algorithm-sunsets." + name.toLowerCase(Locale.ROOT)
                        + ": '" + date + "' is not a date (YYYY-MM-DD)", e);
            }
        });
        return sunsets;
    }
}
