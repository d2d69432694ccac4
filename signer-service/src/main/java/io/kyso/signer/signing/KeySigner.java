package io.kyso.signer.signing;

import io.kyso.hsm.DigestBatch;
import io.kyso.hsm.HsmToken;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Signs every item of {@code data} with {@code signer}'s key, in order: items of one hash
     * function and scheme (as a dossier's or a client's batch are) in one call to the HSM.
     */
    public List<SignatureValue> signAll(SignerIdentity signer, List<DataToSign> data) {
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            groups.computeIfAbsent(List.of(data.get(i).digestAlgorithm(), data.get(i).scheme()), k -> new ArrayList<>())
                    .add(i);
        }
        SignatureValue[] values = new SignatureValue[data.size()];
        for (List<Integer> group : groups.values()) {
            DataToSign first = data.get(group.get(0));
            DigestBatch batch = new DigestBatch(first.digestAlgorithm(), first.scheme(),
                    group.stream().map(i -> data.get(i).digest()).toList());
            List<byte[]> signed = signer.wrappedKey() == null
                    ? hsm.signDigests(signer.keyAlias(), batch) : hsm.signDigests(signer.wrappedKey(), batch);
            for (int j = 0; j < group.size(); j++) {
                values[group.get(j)] = new SignatureValue(data.get(group.get(j)), signed.get(j));
            }
        }
        return List.of(values);
    }
}
