package io.kyso.signer.web;

import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.kyso.signer.support.PublicAddress;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * CSRF protection for the citizen's forms: a signed double-submit. The browser holds a random nonce
 * in a {@code SameSite=Strict}, {@code HttpOnly} cookie; each form carries
 * HMAC(key, purpose ‖ page token ‖ nonce). A forged cross-site post has neither the cookie (Strict)
 * nor a way to compute the field, and a field lifted from one page does not fit another page or
 * another browser. The key is derived from the code key (secret {@code otp-hash-key}), so there is
 * no new secret to manage; {@code OtpGenerator} checks that key's form at start-up. Thread-safe.
 */
@Singleton
public class CsrfTokens {
    public static final String COOKIE = "kyso_csrf";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final boolean secureCookie;

    public CsrfTokens(Secrets secrets, PublicAddress address) {
        byte[] codeKey = Base64.getDecoder().decode(secrets.require(Secret.OTP_HASH_KEY).strip());
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(codeKey, "HmacSHA256"),
                "kyso-csrf-v1".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.secureCookie = address.isHttps();
    }

    /** The nonce of the browser's cookie, if it has a well-formed one. */
    public Optional<String> nonceOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> v.matches("[A-Za-z0-9_-]{22}"));
    }

    public String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    public Cookie cookie(String nonce) {
        return Cookie.of(COOKIE, nonce).httpOnly(true).sameSite(SameSite.Strict).path("/").secure(secureCookie);
    }

    /** The form field for {@code purpose} on the page of {@code pageToken}, in the browser holding {@code nonce}. */
    public String formToken(String purpose, String pageToken, String nonce) {
        return B64.encodeToString(hmac(key, (purpose + "\u0000" + pageToken + "\u0000" + nonce)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether a posted form is genuine: the cookie's nonce and the field match, compared in constant time. */
    public boolean isValid(HttpRequest<?> request, String purpose, String pageToken, String field) {
        Optional<String> nonce = nonceOf(request);
        if (nonce.isEmpty() || field == null) {
            return false;
        }
        return MessageDigest.isEqual(formToken(purpose, pageToken, nonce.get()).getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
