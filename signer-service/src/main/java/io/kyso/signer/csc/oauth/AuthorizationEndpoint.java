package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.support.PublicAddress;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * {@code oauth2/authorize} (RFC 6749 §4.1.1) and {@code oauth2/pushed_authorize} (RFC 9126), for the
 * {@code credential} scope only. The authorization page is Kyso's own: the browser is sent to the
 * citizen's page ({@code /s/<link>}), which shows the documents' labels and hashes and takes the code
 * sent to the citizen's phone. An unknown client or redirect URI gets a page saying the link is not
 * valid — nothing is redirected to an address the portal did not register; any other fault goes back
 * to the portal's redirect URI as an OAuth 2.0 error.
 */
@Controller("/oauth2")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthorizationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationEndpoint.class);

    private final OAuthClients clients;
    private final CredentialRequests requests;
    private final CredentialAuthorizationService authorizations;
    private final CscConfiguration config;
    private final PublicAddress address;

    public AuthorizationEndpoint(OAuthClients clients, CredentialRequests requests,
                                 CredentialAuthorizationService authorizations, CscConfiguration config,
                                 PublicAddress address) {
        this.clients = clients;
        this.requests = requests;
        this.authorizations = authorizations;
        this.config = config;
        this.address = address;
    }

    @Post(value = "/pushed_authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> push(HttpRequest<?> http, @Body String body) {
        PushedAuthorizationRequest pushed;
        try {
            pushed = PushedAuthorizationRequest.parse(NimbusHttp.request(http, body, address));
        } catch (ParseException e) {
            throw TokenEndpoint.fromSdk(e);
        }
        Portal portal = clients.authenticate(pushed.getClientAuthentication());
        AuthorizationRequest request = pushed.getAuthorizationRequest();
        if (!portal.id().equals(request.getClientID().getValue()) || request.getRequestURI() != null) {
            throw CscException.invalidRequest("client_id must be the authenticated client's; request_uri is not allowed here");
        }
        String requestUri = authorizations.push(requests.read(portal, request));
        return NimbusHttp.response(new PushedAuthorizationSuccessResponse(URI.create(requestUri),
                config.pushedRequestLifetime().toSeconds()).toHTTPResponse());
    }

    @Get(value = "/authorize", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> authorize(HttpRequest<?> http) {
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(http.getUri());
        } catch (ParseException e) {
            return invalidLink(e.getMessage());
        }
        if (request.getRequestURI() != null) {
            try {
                return Pages.seeOther(authorizations.openPushed(request.getClientID().getValue(),
                        request.getRequestURI().toString()));
            } catch (CscException e) {
                return invalidLink(e.description());
            }
        }
        Portal portal;
        try {
            portal = requests.requireClient(request);
        } catch (CscException e) {
            return invalidLink(e.description());
        }
        try {
            return Pages.seeOther(authorizations.openDirect(requests.read(portal, request)));
        } catch (CscException e) {
            ErrorObject error = new ErrorObject(e.error(), e.description());
            return Pages.seeOther(new AuthorizationErrorResponse(request.getRedirectionURI(), error, request.getState(),
                    ResponseMode.QUERY).toURI().toString());
        }
    }

    /** A page for the citizen: the link they followed cannot lead anywhere (the reason is logged, not shown). */
    private static HttpResponse<String> invalidLink(String reason) {
        LOG.info("oauth2/authorize refused: {}", reason);
        Lang lang = Lang.VI;
        return Pages.page(HttpStatus.BAD_REQUEST, lang, "page.title", "?lang=" + lang.other().code(),
                Pages.message("invalid", lang.text("invalid.heading"), lang.text("invalid.message")));
    }
}
