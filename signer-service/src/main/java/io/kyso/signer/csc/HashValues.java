package io.kyso.signer.csc;

import io.kyso.hsm.DigestAlgorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Hash values as CSC clients send them: base64, or base64url in URLs (a value valid in both decodes the same). */
public final class HashValues {
    private HashValues() {
    }

    /**
     * @throws CscException {@code invalid_request} if {@code value} is neither base64 nor base64url
     */
    public static byte[] decode(String value) {
        try {
            return value.indexOf('-') >= 0 || value.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(value) : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw CscException.invalidRequest("Invalid Base64 hash string parameter");
        }
    }

    /**
     * Decodes {@code values}: at most {@code max}, each a hash of {@code algorithm}, none twice.
     *
     * @throws CscException {@code invalid_request} naming what is wrong
     */
    public static List<byte[]> decodeAll(List<String> values, DigestAlgorithm algorithm, int max) {
        if (values.size() > max) {
            throw CscException.invalidRequest("Too many hashes: at most " + max);
        }
        List<byte[]> hashes = new ArrayList<>(values.size());
        for (String value : values) {
            byte[] hash = decode(value);
            if (hash.length != algorithm.length()) {
                throw CscException.invalidRequest("Invalid hash length: a " + algorithm.jcaName() + " hash has "
                        + algorithm.length() + " bytes");
            }
            if (hashes.stream().anyMatch(h -> Arrays.equals(h, hash))) {
                throw CscException.invalidRequest("A hash appears twice");
            }
            hashes.add(hash);
        }
        return hashes;
    }
}
