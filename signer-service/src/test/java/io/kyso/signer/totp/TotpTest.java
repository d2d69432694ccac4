package io.kyso.signer.totp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kyso's TOTP against the test vectors of RFC 6238 (appendix B, SHA-1) and RFC 4648 (base 32). */
class TotpTest {
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}s -> {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void shouldMatchTheRfc6238Sha1Vectors(long unixSeconds, String expected) {
        long step = Totp.stepAt(Instant.ofEpochSecond(unixSeconds));
        assertEquals(expected, Totp.code(RFC_SEED, step, 8));
        assertEquals(expected.substring(2), Totp.code(RFC_SEED, step, 6), "6 digits are the last 6 of 8");
    }

    @Test
    void shouldAcceptOneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.stepAt(now);
        for (long drift = -1; drift <= 1; drift++) {
            String code = Totp.code(RFC_SEED, step + drift, 6);
            assertEquals(step + drift, Totp.matchingStep(RFC_SEED, code, now).orElseThrow());
        }
        assertTrue(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 2, 6), now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2, 6), now).isEmpty());
    }

    @Test
    void shouldRefuseAnythingButSixDigits() {
        Instant now = Instant.ofEpochSecond(59);
        assertTrue(Totp.matchingStep(RFC_SEED, "4287082", now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SEED, "28708a", now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SEED, null, now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SEED, "287082", now).isPresent());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void shouldEncodeBase32AsRfc4648WithoutPadding(String input, String expected) {
        assertEquals(expected, Base32.encode(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
