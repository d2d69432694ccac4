package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.confirmation.OtpConfiguration;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.AuthorizationBinding;
import io.kyso.signer.csc.AuthorizationStatus;
import io.kyso.signer.csc.AuthorizedHash;
import io.kyso.signer.csc.Authorizations;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.SecretHashes;
import io.kyso.signer.csc.TokenStore;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.request.References;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The portal's side of a credential authorization: it is pushed (or sent straight through the
 * browser), the citizen's page opens with a code sent to the citizen, and — once the citizen has
 * confirmed on that page — the portal exchanges the authorization code (with its PKCE verifier) for
 * a credential token bound to exactly the authorized hashes. Nothing here takes a one-time code: the
 * portal never sees one. Every step is audited.
 */
@Singleton
public class CredentialAuthorizationService {
    /** Where the citizen's page lives: {@code /s/<link token>}. */
    public static final String PAGE_PATH = "/s/";
    private static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private final Database database;
    private final Authorizations authorizations;
    private final PortalDirectory portals;
    private final CitizenRepository citizens;
    private final TokenStore tokens;
    private final SecretHashes secrets;
    private final AuthorizationOtps otps;
    private final AuditLog audit;
    private final CscConfiguration config;
    private final OtpConfiguration otpConfig;
    private final Clock clock;

    public CredentialAuthorizationService(Database database, Authorizations authorizations, PortalDirectory portals,
                                          CitizenRepository citizens,
                                          TokenStore tokens, SecretHashes secrets, AuthorizationOtps otps,
                                          AuditLog audit, CscConfiguration config, OtpConfiguration otpConfig,
                                          Clock clock) {
        this.database = database;
        this.authorizations = authorizations;
        this.portals = portals;
        this.citizens = citizens;
        this.tokens = tokens;
        this.secrets = secrets;
        this.otps = otps;
        this.audit = audit;
        this.config = config;
        this.otpConfig = otpConfig;
        this.clock = clock;
    }

    /** A pushed request (RFC 9126): stored, and its one-time request URI returned. */
    public String push(CredentialRequest request) {
        String requestUri = REQUEST_URI_PREFIX + secrets.newSecret();
        Instant now = clock.instant();
        CredentialAuthorization authorization = newAuthorization(request, now,
                now.plus(config.pushedRequestLifetime()));
        database.inTransaction(c -> {
            authorizations.insert(c, authorization, secrets.hash(requestUri));
            return null;
        });
        return requestUri;
    }

    /**
     * The browser arrives with a pushed request's URI: the citizen's page opens and the code is sent.
     * Returns the page's path.
     *
     * @throws CscException {@code invalid_request} if the URI is unknown, another client's, used or expired
     */
    public String openPushed(String clientId, String requestUri) {
        Instant now = clock.instant();
        CredentialAuthorization authorization = database.read(c -> authorizations.findByRequestUri(c,
                        secrets.hash(requestUri)))
                .filter(a -> a.portalId().equals(clientId) && a.status() == AuthorizationStatus.PUSHED
                        && !a.isExpiredAt(now))
                .orElseThrow(() -> CscException.invalidRequest("Invalid or expired request_uri"));
        return open(authorization);
    }

    /** A request sent straight through the browser: stored, the page opened, the code sent. Returns the page's path. */
    public String openDirect(CredentialRequest request) {
        Instant now = clock.instant();
        CredentialAuthorization authorization = newAuthorization(request, now, now.plus(config.authorizationLifetime()));
        database.inTransaction(c -> {
            authorizations.insert(c, authorization, null);
            return null;
        });
        return open(authorization);
    }

    private String open(CredentialAuthorization authorization) {
        Citizen citizen = database.read(c -> citizens.find(c, authorization.portalId(), authorization.citizenId()))
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter credentialID"));
        Portal portal = portals.findById(authorization.portalId()).orElseThrow();
        String pageToken = secrets.newSecret();
        AuthorizationOtps.Issued issued = otps.issue(citizen, authorization);
        Instant now = clock.instant();
        boolean opened = database.inTransaction(c -> {
            boolean moved = authorizations.open(c, authorization.id(), secrets.hash(pageToken),
                    issued == null ? null : issued.hash(), now.plus(otpConfig.lifetime()), now,
                    now.plus(config.authorizationLifetime()));
            if (moved) {
                audit.append(c, AuditRecord.of(AuditEventType.CSC_AUTHORIZATION_REQUESTED, Actor.of(portal))
                        .portal(portal.id()).request(authorization.id())
                        .detail("credential:" + citizen.id() + " hashes:" + authorization.hashes().size() + " "
                                + authorization.hashAlgorithm().jcaName()).build());
            }
            return moved;
        });
        if (!opened) {
            throw CscException.invalidRequest("Invalid or expired request_uri");
        }
        String path = PAGE_PATH + pageToken;
        if (issued != null) {
            otps.send(portal, citizen, authorization, issued, otps.link(path));
        }
        return path;
    }

    /** A credential token, with the authorization it is bound to. */
    public record Exchanged(String token, CredentialAuthorization authorization) {
        @Override
        public String toString() {
            return "Exchanged[token=(hidden), authorization=" + authorization.id() + "]";
        }
    }

    /**
     * Exchanges an authorization code for a credential token (RFC 6749 §4.1.3, RFC 7636): the code is
     * the portal's, confirmed by the citizen, unexpired and unused, for this redirect URI, and the
     * verifier matches the challenge, and {@code check} accepts it (e.g. the token request's
     * authorization details). A code presented a second time revokes every token issued with it.
     *
     * @throws CscException {@code invalid_grant} otherwise
     */
    public Exchanged exchange(Portal portal, String code, URI redirectUri, CodeVerifier verifier,
                              Consumer<CredentialAuthorization> check) {
        Instant now = clock.instant();
        CredentialAuthorization authorization = database.read(c -> authorizations.findByCode(c, secrets.hash(code)))
                .filter(a -> a.portalId().equals(portal.id()))
                .orElseThrow(() -> invalidGrant("Invalid authorization code"));
        if (authorization.status() == AuthorizationStatus.EXCHANGED) {
            database.inTransaction(c -> {
                int revoked = tokens.revokeForAuthorization(c, authorization.id(), now);
                audit.append(c, AuditRecord.of(AuditEventType.CSC_CODE_REPLAYED, Actor.of(portal)).portal(portal.id())
                        .request(authorization.id()).failure("code replayed").detail("tokens revoked:" + revoked).build());
                return null;
            });
            throw invalidGrant("The authorization code was already used");
        }
        if (authorization.status() != AuthorizationStatus.CONFIRMED || !now.isBefore(authorization.codeExpiresAt())) {
            throw invalidGrant("Invalid or expired authorization code");
        }
        if (!authorization.redirectUri().equals(redirectUri)) {
            throw invalidGrant("redirect_uri does not match the authorization request");
        }
        if (verifier == null || !CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue()
                .equals(authorization.codeChallenge())) {
            throw invalidGrant("The PKCE code_verifier does not match");
        }
        check.accept(authorization);
        String token = database.inTransaction(c -> {
            if (!authorizations.transition(c, authorization.id(), AuthorizationStatus.CONFIRMED,
                    AuthorizationStatus.EXCHANGED)) {
                throw invalidGrant("The authorization code was already used");
            }
            String issued = tokens.issue(c, AccessGrant.Kind.CREDENTIAL, portal.id(), authorization.id(), now,
                    config.credentialTokenLifetime());
            audit.append(c, AuditRecord.of(AuditEventType.CSC_CREDENTIAL_TOKEN_ISSUED, Actor.of(portal))
                    .portal(portal.id()).request(authorization.id())
                    .detail("credential:" + authorization.credentialId() + " hashes:" + authorization.hashes().size())
                    .build());
            return issued;
        });
        return new Exchanged(token, authorization);
    }

    /** A service token for {@code portal} (client credentials, scope {@code service}). */
    public String serviceToken(Portal portal) {
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            String token = tokens.issue(c, AccessGrant.Kind.SERVICE, portal.id(), null, now,
                    config.serviceTokenLifetime());
            audit.append(c, AuditRecord.of(AuditEventType.CSC_SERVICE_TOKEN_ISSUED, Actor.of(portal))
                    .portal(portal.id()).build());
            return token;
        });
    }

    /** Revokes a token the portal holds (RFC 7009): unknown tokens are not an error. */
    public void revoke(Portal portal, String token) {
        Instant now = clock.instant();
        database.inTransaction(c -> {
            if (tokens.revoke(c, token, portal.id(), now)) {
                audit.append(c, AuditRecord.of(AuditEventType.CSC_TOKEN_REVOKED, Actor.of(portal)).portal(portal.id())
                        .build());
            }
            return null;
        });
    }

    public Optional<CredentialAuthorization> find(UUID id) {
        return database.read(c -> authorizations.find(c, id));
    }

    private CredentialAuthorization newAuthorization(CredentialRequest request, Instant now, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        List<byte[]> hashes = request.hashes();
        List<AuthorizedHash> items = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            items.add(new AuthorizedHash(i, HexFormat.of().formatHex(hashes.get(i)), request.labels().get(i), null));
        }
        return new CredentialAuthorization(id, request.portal().id(), request.citizen().id(),
                AuthorizationStatus.PUSHED, References.newReference(), request.hashAlgorithm(), hashes.size(),
                AuthorizationBinding.of(request.citizen().id(), request.hashAlgorithm(), hashes), request.description(),
                request.redirectUri(), request.state(), request.codeChallenge(), null, null, 0, null, 0, null, now,
                expiresAt, items);
    }

    private static CscException invalidGrant(String description) {
        return new CscException(400, OAuth2Error.INVALID_GRANT.getCode(), description);
    }
}
