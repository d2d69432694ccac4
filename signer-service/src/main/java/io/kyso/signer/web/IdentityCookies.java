package io.kyso.signer.web;

import io.kyso.signer.support.PublicAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * The cookie that binds an identity provider's answer to the browser that went there. The answer
 * arrives as a top-level navigation from the provider's site, which a {@code SameSite=Strict} cookie
 * (the CSRF nonce) does not accompany: this one is {@code Lax}, {@code HttpOnly}, limited to the
 * callback's path and to the few minutes a login takes.
 */
@Singleton
public class IdentityCookies {
    public static final String COOKIE = "kyso_identity";
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final boolean secure;

    public IdentityCookies(PublicAddress address) {
        this.secure = address.isHttps();
    }

    public Cookie cookie(String value, String path) {
        return Cookie.of(COOKIE, value).httpOnly(true).sameSite(SameSite.Lax).path(path).secure(secure)
                .maxAge(LIFETIME);
    }

    public Optional<String> valueOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }
}
