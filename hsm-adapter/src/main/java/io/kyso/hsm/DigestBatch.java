package io.kyso.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Digests that one key signs in one call ({@link HsmToken#signDigests}), all of one hash function and
 * signature scheme: the many hashes a user authorised at once. The record keeps its own copies.
 *
 * @param algorithm the hash function of every digest
 * @param scheme    how each digest is signed
 * @param digests   the digests, each {@code algorithm.length()} bytes; at least one
 */
public record DigestBatch(DigestAlgorithm algorithm, SignatureScheme scheme, List<byte[]> digests) {

    public DigestBatch {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(digests, "digests");
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one digest");
        }
        List<byte[]> copies = new ArrayList<>(digests.size());
        for (int i = 0; i < digests.size(); i++) {
            byte[] digest = Objects.requireNonNull(digests.get(i), "digest " + i);
            if (digest.length != algorithm.length()) {
                throw new IllegalArgumentException("digest " + i + " has " + digest.length + " bytes; a "
                        + algorithm.jcaName() + " digest has " + algorithm.length());
            }
            copies.add(digest.clone());
        }
        digests = List.copyOf(copies);
    }

    /** How many digests the batch holds. */
    public int size() {
        return digests.size();
    }

    /** A copy of digest {@code index}. */
    public byte[] digest(int index) {
        return digests.get(index).clone();
    }

    /** Copies of the digests, in order. */
    @Override
    public List<byte[]> digests() {
        return digests.stream().map(byte[]::clone).toList();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DigestBatch batch) || algorithm != batch.algorithm || scheme != batch.scheme
                || digests.size() != batch.digests.size()) {
            return false;
        }
        for (int i = 0; i < digests.size(); i++) {
            if (!java.util.Arrays.equals(digests.get(i), batch.digests.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(algorithm, scheme);
        for (byte[] digest : digests) {
            hash = 31 * hash + java.util.Arrays.hashCode(digest);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "DigestBatch[" + digests.size() + " " + algorithm.jcaName() + " digests, " + scheme + "]";
    }
}
