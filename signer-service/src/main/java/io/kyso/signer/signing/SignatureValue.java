package io.kyso.signer.signing;

/**
 * A signature value from the HSM over one {@link DataToSign}, already verified with the signer's
 * public key (ECDSA DER-encoded, RSA as is). The third stage's input.
 */
public record SignatureValue(DataToSign signed, byte[] value) {

    public SignatureValue {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignatureValue that && signed.equals(that.signed)
                && java.util.Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * signed.hashCode() + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SignatureValue[" + value.length + " bytes over " + signed + "]";
    }
}
