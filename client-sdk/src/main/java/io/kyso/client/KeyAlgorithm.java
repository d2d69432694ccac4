package io.kyso.client;

/** The kind of key pair Kyso generates in its HSM for a citizen. */
public enum KeyAlgorithm {
    EC_P256,
    RSA_2048,
    RSA_3072
}
