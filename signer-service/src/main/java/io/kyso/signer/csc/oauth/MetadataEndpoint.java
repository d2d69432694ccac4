package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.rar.AuthorizationType;
import io.kyso.signer.support.PublicAddress;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.net.URI;
import java.util.List;

/**
 * The authorization server's metadata (RFC 8414) at {@code /.well-known/oauth-authorization-server}:
 * the issuer is the service's public URL, as {@code info}'s {@code oauth2Issuer} says.
 */
@Controller
public class MetadataEndpoint {
    private final PublicAddress address;

    public MetadataEndpoint(PublicAddress address) {
        this.address = address;
    }

    /** The issuer identifier: the public URL without a trailing slash. */
    public static String issuer(PublicAddress address) {
        return address.link("");
    }

    @Get(value = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> metadata() {
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(new Issuer(issuer(address)));
        metadata.setAuthorizationEndpointURI(URI.create(address.link("/oauth2/authorize")));
        metadata.setTokenEndpointURI(URI.create(address.link("/oauth2/token")));
        metadata.setPushedAuthorizationRequestEndpointURI(URI.create(address.link("/oauth2/pushed_authorize")));
        metadata.setRevocationEndpointURI(URI.create(address.link("/oauth2/revoke")));
        metadata.setScopes(new Scope("service", "credential"));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                ClientAuthenticationMethod.CLIENT_SECRET_POST));
        metadata.setRevocationEndpointAuthMethods(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                ClientAuthenticationMethod.CLIENT_SECRET_POST));
        metadata.setAuthorizationDetailsTypes(List.of(new AuthorizationType(CredentialRequests.CREDENTIAL)));
        return HttpResponse.ok(metadata.toJSONObject().toJSONString()).header("Cache-Control", "max-age=3600");
    }
}
