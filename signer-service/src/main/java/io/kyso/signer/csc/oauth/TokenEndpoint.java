package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.support.PublicAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code oauth2/token} (RFC 6749 §3.2) and {@code oauth2/revoke} (RFC 7009). Client credentials give
 * a portal a service token (scope {@code service}: list credentials, read them); an authorization
 * code the citizen confirmed gives a credential token (scope {@code credential}: the SAD, bound to
 * exactly the authorized hashes). The SDK parses every request and writes every answer.
 */
@Controller("/oauth2")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenEndpoint {
    private final OAuthClients clients;
    private final CredentialAuthorizationService authorizations;
    private final AuthorizationDetails details;
    private final CscConfiguration config;
    private final PublicAddress address;

    public TokenEndpoint(OAuthClients clients, CredentialAuthorizationService authorizations,
                         AuthorizationDetails details, CscConfiguration config, PublicAddress address) {
        this.clients = clients;
        this.authorizations = authorizations;
        this.details = details;
        this.config = config;
        this.address = address;
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> token(HttpRequest<?> http, @Body String body) {
        TokenRequest request;
        try {
            request = TokenRequest.parse(NimbusHttp.request(http, body, address));
        } catch (ParseException e) {
            throw fromSdk(e);
        }
        Portal portal = clients.authenticate(request.getClientAuthentication());
        AuthorizationGrant grant = request.getAuthorizationGrant();
        if (grant instanceof ClientCredentialsGrant) {
            if (request.getScope() != null && !request.getScope().equals(new Scope(AccessGrant.Kind.SERVICE.scope()))) {
                throw new CscException(400, OAuth2Error.INVALID_SCOPE.getCode(),
                        "Client credentials grant the service scope only");
            }
            BearerAccessToken token = new BearerAccessToken(authorizations.serviceToken(portal),
                    config.serviceTokenLifetime().toSeconds(), new Scope(AccessGrant.Kind.SERVICE.scope()));
            return NimbusHttp.response(new AccessTokenResponse(new Tokens(token, null)).toHTTPResponse());
        }
        if (grant instanceof AuthorizationCodeGrant code) {
            return credentialToken(portal, code, request.getAuthorizationDetails());
        }
        throw new CscException(400, OAuth2Error.UNSUPPORTED_GRANT_TYPE.getCode(),
                "Supported grants: client_credentials, authorization_code");
    }

    private HttpResponse<String> credentialToken(Portal portal, AuthorizationCodeGrant grant,
                                                 List<AuthorizationDetail> requested) {
        CredentialAuthorizationService.Exchanged exchanged = authorizations.exchange(portal,
                grant.getAuthorizationCode().getValue(), grant.getRedirectionURI(), grant.getCodeVerifier(),
                authorization -> details.requireCovered(requested == null ? List.of() : requested, authorization));
        BearerAccessToken token = new BearerAccessToken(exchanged.token(), config.credentialTokenLifetime().toSeconds(),
                new Scope(AccessGrant.Kind.CREDENTIAL.scope()));
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("credentialID", exchanged.authorization().credentialId());
        custom.put("authorization_details", details.granted(exchanged.authorization()));
        return NimbusHttp.response(new AccessTokenResponse(new Tokens(token, null), custom).toHTTPResponse());
    }

    @Post(value = "/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> revoke(HttpRequest<?> http, @Body String body) {
        TokenRevocationRequest request;
        try {
            request = TokenRevocationRequest.parse(NimbusHttp.request(http, body, address));
        } catch (ParseException e) {
            throw fromSdk(e);
        }
        Portal portal = clients.authenticate(request.getClientAuthentication());
        authorizations.revoke(portal, request.getToken().getValue());
        return HttpResponse.ok();
    }

    /** The SDK's own verdict on a request it could not parse. */
    static CscException fromSdk(ParseException e) {
        if (e.getErrorObject() != null && e.getErrorObject().getCode() != null) {
            return new CscException(e.getErrorObject().getHTTPStatusCode() == 0 ? 400
                    : e.getErrorObject().getHTTPStatusCode(), e.getErrorObject().getCode(), e.getMessage());
        }
        return CscException.invalidRequest(e.getMessage());
    }
}
