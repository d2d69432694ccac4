package io.kyso.signer.pki;

import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Why a credential is revoked: the RFC 5280 reason codes that fit a citizen's end-entity
 * certificate. {@code certificateHold} is not among them: a revocation here is final.
 */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    KEY_COMPROMISE(CRLReason.keyCompromise),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    SUPERSEDED(CRLReason.superseded),
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The reason code in CRLs and OCSP answers. */
    public int code() {
        return code;
    }

    /** The reason for a stored code; codes no longer offered (e.g. written by an operator) read as UNSPECIFIED. */
    public static RevocationReason of(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return UNSPECIFIED;
    }
}
