package io.kyso.hsm;

/** The kinds of key pair a token generates for a credential. */
public enum KeySpec {
    EC_P256("EC", 256),
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072);

    private final String keyAlgorithm;
    private final int size;

    KeySpec(String keyAlgorithm, int size) {
        this.keyAlgorithm = keyAlgorithm;
        this.size = size;
    }

    /** JCA key algorithm name: {@code EC} or {@code RSA}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** Field size for EC, modulus length for RSA, in bits. */
    public int size() {
        return size;
    }

    public boolean isEc() {
        return "EC".equals(keyAlgorithm);
    }
}
