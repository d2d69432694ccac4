package io.kyso.signer.problem;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short random references that tie a generic 500 body to the detailed log line. */
public final class ErrorReference {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorReference() {
    }

    public static String next() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
