package io.kyso.signer.signing;

import io.kyso.hsm.HsmToken;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * The second stage: a signer's key in the HSM signs data to sign, and each value is verified with
 * the key's public key before it is returned (the HSM adapter checks every value). A batch is signed
 * under one authorization of the key (a wrapped key is unwrapped once). Thread-safe.
 */
@Singleton
public class KeySigner {
    private final HsmToken hsm;

    public KeySigner(HsmToken hsm) {
        this.hsm = hsm;
    }

    public SignatureValue sign(SignerIdentity signer, DataToSign data) {
        return signAll(signer, List.of(data)).get(0);
    }

    /** Signs every item of {@code data} with {@code signer}'s key, in order. */
    public List<SignatureValue> signAll(SignerIdentity signer, List<DataToSign> data) {
        List<SignatureValue> values = new ArrayList<>(data.size());
        for (DataToSign item : data) {
            byte[] value = signer.wrappedKey() == null
                    ? hsm.signDigest(signer.keyAlias(), item.digestAlgorithm(), item.scheme(), item.digest())
                    : hsm.signDigest(signer.wrappedKey(), item.digestAlgorithm(), item.scheme(), item.digest());
            values.add(new SignatureValue(item, value));
        }
        return values;
    }
}
