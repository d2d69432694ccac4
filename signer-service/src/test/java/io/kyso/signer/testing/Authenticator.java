package io.kyso.signer.testing;

import io.kyso.signer.totp.Totp;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** What an authenticator app does with an {@code otpauth://} URI: keep the secret, show codes. */
public record Authenticator(String label, byte[] secret, Map<String, String> parameters) {

    public static Authenticator fromUri(String otpauth) {
        URI uri = URI.create(otpauth);
        if (!"otpauth".equals(uri.getScheme()) || !"totp".equals(uri.getHost())) {
            throw new AssertionError("not a TOTP URI: " + otpauth);
        }
        Map<String, String> params = Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        return new Authenticator(uri.getPath().substring(1), decodeBase32(params.get("secret")), params);
    }

    public static Authenticator fromSecret(String base32) {
        return new Authenticator("", decodeBase32(base32.replace(" ", "")), Map.of());
    }

    /** The code the app shows at {@code time}. */
    public String codeAt(Instant time) {
        return Totp.code(secret, Totp.stepAt(time), 6);
    }

    public String codeForStep(long step) {
        return Totp.code(secret, step, 6);
    }

    private static byte[] decodeBase32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
