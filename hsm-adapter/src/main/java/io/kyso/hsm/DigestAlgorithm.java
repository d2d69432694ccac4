package io.kyso.hsm;

/** Hash functions whose digests a token signs. */
public enum DigestAlgorithm {
    SHA256("SHA-256", 32, "2.16.840.1.101.3.4.2.1"),
    SHA384("SHA-384", 48, "2.16.840.1.101.3.4.2.2"),
    SHA512("SHA-512", 64, "2.16.840.1.101.3.4.2.3");

    private final String jcaName;
    private final int length;
    private final String oid;

    DigestAlgorithm(String jcaName, int length, String oid) {
        this.jcaName = jcaName;
        this.length = length;
        this.oid = oid;
    }

    public String jcaName() {
        return jcaName;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    public String oid() {
        return oid;
    }
}
