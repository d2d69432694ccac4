package io.kyso.hsm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a PKCS#11 token is and how to log in to it.
 *
 * @param libraryPath the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel the token's label (CKA_LABEL of the token, trailing blanks ignored)
 * @param pin the user PIN; never printed by {@link #toString()}
 */
public record Pkcs11Config(Path libraryPath, String tokenLabel, char[] pin) {

    public Pkcs11Config {
        Objects.requireNonNull(libraryPath, "libraryPath");
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(pin, "pin");
        if (tokenLabel.isBlank()) {
            throw new IllegalArgumentException("tokenLabel must not be blank");
        }
        pin = pin.clone();
    }

    /** A copy of the user PIN; the caller may wipe it after use. */
    @Override
    public char[] pin() {
        return pin.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pkcs11Config that
                && libraryPath.equals(that.libraryPath)
                && tokenLabel.equals(that.tokenLabel)
                && Arrays.equals(pin, that.pin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(libraryPath, tokenLabel);
    }

    @Override
    public String toString() {
        return "Pkcs11Config[libraryPath=" + libraryPath + ", tokenLabel=" + tokenLabel + ", pin=****]";
    }
}
