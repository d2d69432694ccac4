package io.kyso.signer.signing;

/**
 * The ETSI baseline levels (EN 319 142-1 for PAdES, EN 319 132-1 for XAdES): B-B, a signature with
 * its signing certificate; B-T, with a trusted time; B-LT, with the certificates and revocation data
 * needed to validate it later; B-LTA, with archive timestamps that keep all of it provable.
 */
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
    public String label() {
        return label;
    }

    /** Bytes a PDF signature field keeps for what this level adds inside the CMS (a timestamp token), in hex. */
    public int cmsReserve() {
        return cmsReserve;
    }

    /** The format name validators report, e.g. {@code PAdES-BASELINE-LT} for {@code family} {@code PAdES}. */
    public String formatName(String family) {
        return family + "-BASELINE-" + label.substring(2);
    }
}
