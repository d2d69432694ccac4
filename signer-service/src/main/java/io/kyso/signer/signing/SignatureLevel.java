package io.kyso.signer.signing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ETSI baseline levels (EN 319 142-1 for PAdES, EN 319 132-1 for XAdES): B-B, a signature with
 * its signing certificate; B-T, with a trusted time; B-LT, with the certificates and revocation data
 * needed to validate it later; B-LTA, with archive timestamps that keep all of it provable. Written
 * as ETSI writes them ({@code B-LT}) in the API and in configuration.
 */
@Serdeable
public enum SignatureLevel {
    B_B("B-B", 0),
    B_T("B-T", 8192),
    B_LT("B-LT", 8192),
    B_LTA("B-LTA", 8192);

    private final String label;
    private final int cmsReserve;

    SignatureLevel(String label, int cmsReserve) {
        this.label = label;
        this.cmsReserve = cmsReserve;
    }

    /** As ETSI writes it: {@code B-LT}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The level written {@code label} (as ETSI writes it, or as the constant is named), if there is one. */
    public static Optional<SignatureLevel> find(String label) {
        return Arrays.stream(values()).filter(l -> l.label.equals(label) || l.name().equals(label)).findFirst();
    }

    /** For JSON: an unknown label is refused with the labels there are. */
    @JsonCreator
    public static SignatureLevel of(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a signature level ("
                + Arrays.stream(values()).map(SignatureLevel::label).collect(Collectors.joining(", ")) + ")"));
    }

    /** Whether signatures of this level carry a timestamp (B-T and above). */
    public boolean isTimestamped() {
        return this != B_B;
    }

    /** Whether signatures of this level carry their validation data (B-LT and above). */
    public boolean carriesValidationData() {
        return this == B_LT || this == B_LTA;
    }

    /** Bytes a PDF signature field keeps for what this level adds inside the CMS (a timestamp token). */
    public int cmsReserve() {
        return cmsReserve;
    }

    /** The format name validators report, e.g. {@code PAdES-BASELINE-LT} for {@code family} {@code PAdES}. */
    public String formatName(String family) {
        return family + "-BASELINE-" + label.substring(2);
    }

    @Override
    public String toString() {
        return label;
    }
}
