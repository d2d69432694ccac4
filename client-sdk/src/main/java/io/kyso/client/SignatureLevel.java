package io.kyso.client;

import java.util.Arrays;

/**
 * The baseline level a document is signed at (ETSI EN 319 142-1 for PDF, EN 319 132-1 for XML):
 * {@link #B_B} the signature and its certificate; {@link #B_T} and a trusted time; {@link #B_LT}
 * (Kyso's default) and what is needed to validate it later, offline; {@link #B_LTA} and archive
 * timestamps, which Kyso renews while it keeps the document.
 */
public enum SignatureLevel {
    B_B("B-B"), B_T("B-T"), B_LT("B-LT"), B_LTA("B-LTA");

    private final String label;

    SignatureLevel(String label) {
        this.label = label;
    }

    /** As the API writes it: {@code B-LT}. */
    public String label() {
        return label;
    }

    /** The level the API writes as {@code label}; null for null. */
    static SignatureLevel of(String label) {
        if (label == null) {
            return null;
        }
        return Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown signature level '" + label + "'"));
    }
}
