package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.kyso.signer.support.PublicAddress;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Carries HTTP messages between Micronaut and the OAuth 2.0 SDK, which parses requests and writes
 * answers itself: the request's method, its public URL (the SDK checks endpoint URLs), its
 * {@code Authorization} and {@code Content-Type} headers and its body; the answer's status,
 * headers and body as the SDK wrote them.
 */
final class NimbusHttp {
    private NimbusHttp() {
    }

    static HTTPRequest request(HttpRequest<?> request, String body, PublicAddress address) {
        String query = request.getUri().getRawQuery();
        URI url = URI.create(address.link(request.getPath()) + (query == null ? "" : "?" + query));
        HTTPRequest nimbus = new HTTPRequest(HTTPRequest.Method.valueOf(request.getMethodName()), url);
        request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION).ifPresent(nimbus::setAuthorization);
        request.getHeaders().findFirst(HttpHeaders.CONTENT_TYPE).ifPresent(type -> {
            try {
                nimbus.setContentType(type);
            } catch (ParseException e) {
                nimbus.setHeader(HttpHeaders.CONTENT_TYPE, type);
            }
        });
        if (body != null) {
            nimbus.setBody(body);
        }
        return nimbus;
    }

    static MutableHttpResponse<String> response(HTTPResponse nimbus) {
        MutableHttpResponse<String> response = HttpResponse.status(HttpStatus.valueOf(nimbus.getStatusCode()));
        for (Map.Entry<String, List<String>> header : nimbus.getHeaderMap().entrySet()) {
            header.getValue().forEach(value -> response.header(header.getKey(), value));
        }
        if (nimbus.getBody() != null) {
            response.body(nimbus.getBody());
        }
        return response;
    }
}
