package io.kyso.signer.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Browser hardening on every answer. The content security policy allows scripts, styles and images
 * from this origin only: no inline script can run, so injected markup stays inert; forms may only
 * post here; no page may be framed (clickjacking a confirmation). Referrers are never sent, because
 * the confirmation link's path is a secret.
 */
@ServerFilter("/**")
public class SecurityHeadersFilter {
    private static final String CSP = "Content-Security-Policy";

    /**
     * The policy of every answer, unless a page set its own (the CSC authorization page, whose form
     * is answered with a redirect to the portal's registered address, adds that origin to
     * {@code form-action}: browsers apply it to a form's redirects too).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    public void addHeaders(MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(CSP)) {
            response.header(CSP, CONTENT_SECURITY_POLICY);
        }
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Content-Type-Options", "nosniff");
    }
}
