package io.kyso.signer.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.kyso.signer.support.PublicAddress;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;

/**
 * The national identity provider, as an OpenID Connect relying party (authorization code flow with
 * PKCE, a client secret, a nonce), over the Nimbus OAuth 2.0 / OpenID Connect SDK: the provider's
 * discovery document, its token endpoint and its signed ID tokens (signature against the
 * provider's published keys, issuer, audience, expiry, nonce) are all the SDK's; Kyso only reads
 * the claim that carries the CCCD number. The provider's metadata is read when first needed and
 * kept; a provider that cannot be reached is a 503 ({@code identity.unavailable}), tried again on
 * the next login. Thread-safe.
 */
@Context
public class NationalIdentity {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    /** Asymmetric signatures only: an ID token MAC'd with the client secret proves nothing a portal could not forge. */
    private static final List<JWSAlgorithm> ACCEPTED = List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final IdentityConfiguration config;
    private final com.nimbusds.oauth2.sdk.auth.Secret clientSecret;
    private final URI redirectUri;
    private volatile Provider provider;

    public NationalIdentity(IdentityConfiguration config, Secrets secrets, PublicAddress address,
                            Environment environment) {
        if (config.configured() && !"https".equals(config.issuer().getScheme())
                && !environment.getActiveNames().contains(Environment.DEVELOPMENT)) {
            throw new ConfigurationException("kyso.identity.issuer must be an https URL outside the 'dev' environment, was "
                    + config.issuer());
        }
        this.config = config;
        this.clientSecret = config.configured()
                ? new com.nimbusds.oauth2.sdk.auth.Secret(secrets.require(Secret.IDENTITY_CLIENT_SECRET)) : null;
        this.redirectUri = URI.create(address.link(CALLBACK_PATH));
    }

    /** Where the provider sends the citizen back: {@code <kyso.public-url>/a/identity/callback}. */
    public static final String CALLBACK_PATH = "/a/identity/callback";

    public boolean configured() {
        return config.configured();
    }

    /** How pages name the provider. */
    public String displayName() {
        return config.displayName();
    }

    /** The secrets of one login: kept by the caller until the provider's answer comes back. */
    public record Login(String state, String nonce, String codeVerifier, URI authorizationUri) {
        @Override
        public String toString() {
            return "Login[(secrets hidden)]";
        }
    }

    /** A new login: fresh state, nonce and PKCE verifier, and the provider's authorization URI to send the citizen to. */
    public Login start() {
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI uri = new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(config.scope()),
                new ClientID(config.clientId()), redirectUri)
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Login(state.getValue(), nonce.getValue(), verifier.getValue(), uri);
    }

    /**
     * Redeems the provider's authorization code and returns the CCCD number its signed ID token
     * vouches for.
     *
     * @throws IdentityException unreachable (503) or not a valid proof (400)
     */
    public String nationalId(String code, String codeVerifier, String nonce) {
        Provider p = provider();
        TokenRequest request = new TokenRequest(p.metadata().getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(config.clientId()), clientSecret),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier)));
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw IdentityException.unavailable("token endpoint", e);
        } catch (ParseException e) {
            throw IdentityException.failed("the token answer cannot be read", e);
        }
        if (!response.indicatesSuccess()) {
            throw IdentityException.failed("the provider refused the code ("
                    + response.toErrorResponse().getErrorObject().getCode() + ")", null);
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims;
        try {
            claims = p.validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException e) {
            throw IdentityException.failed("the ID token does not verify (" + e.getMessage() + ")", e);
        } catch (JOSEException e) {
            throw IdentityException.unavailable("the provider's keys", e);
        }
        Object value = claims.getClaim(config.nationalIdClaim());
        if (value == null) {
            throw IdentityException.failed("the ID token has no claim '" + config.nationalIdClaim() + "'", null);
        }
        return value.toString().strip();
    }

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    private Provider provider() {
        if (!config.configured()) {
            throw new IllegalStateException("no national identity provider is configured (kyso.identity.issuer)");
        }
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (provider == null) {
                provider = resolve();
            }
            return provider;
        }
    }

    private Provider resolve() {
        Issuer issuer = new Issuer(config.issuer());
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(issuer, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (IOException e) {
            throw IdentityException.unavailable("discovery document", e);
        } catch (GeneralException e) {
            throw IdentityException.failed("its discovery document is not valid (" + e.getMessage() + ")", e);
        }
        JWSAlgorithm algorithm = signatureAlgorithm(metadata);
        try {
            IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(config.clientId()), algorithm,
                    metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS));
            return new Provider(metadata, validator);
        } catch (MalformedURLException e) {
            throw IdentityException.failed("its key set address is not a URL", e);
        }
    }

    private static JWSAlgorithm signatureAlgorithm(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs() == null ? List.of() : metadata.getIDTokenJWSAlgs();
        return ACCEPTED.stream().filter(offered::contains).findFirst().orElseThrow(() -> IdentityException.failed(
                "it signs ID tokens with none of " + ACCEPTED + " (offers " + offered + ")", null));
    }
}
