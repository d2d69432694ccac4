package io.kyso.signer.csc.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.kyso.signer.csc.CscApi;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.SignAlgorithms;
import io.kyso.signer.csc.oauth.MetadataEndpoint;
import io.kyso.signer.support.PublicAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.List;
import java.util.Set;

/**
 * {@code POST /csc/v2/info}: what this remote signing service is and does, for any client, without
 * a token. Authorization is OAuth 2.0 only: client credentials for a portal's service access, the
 * authorization code flow (with PKCE, pushed requests and authorization details) for each credential
 * authorization; the authorization server's metadata is at the issuer's RFC 8414 address.
 */
@CscApi
@Controller(CscPaths.BASE)
public class InfoController {
    static final List<String> METHODS = List.of("info", "credentials/list", "credentials/info", "signatures/signHash",
            "signatures/signDoc", "oauth2/authorize", "oauth2/token", "oauth2/pushed_authorize", "oauth2/revoke");

    private final CscConfiguration config;
    private final PublicAddress address;

    public InfoController(CscConfiguration config, PublicAddress address) {
        this.config = config;
        this.address = address;
    }

    @Operation(operationId = "cscInfo", summary = "What the signing service is and does (no token)",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/CscInfoRequest"))))
    @SecurityRequirements // no token: anyone may ask what the service is
    @Post(value = "/info", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceInfo> info(@Parameter(hidden = true) @Nullable @Body String body) {
        CscJson json = CscJson.parse(body, Set.of("lang"));
        boolean english = "en".equalsIgnoreCase(json.string("lang"));
        String issuer = MetadataEndpoint.issuer(address);
        ServiceInfo info = new ServiceInfo("2.0.0.2", config.name(), address.link("/assets/kyso-logo.svg"),
                config.region(), english ? "en" : "vi",
                english ? "Kyso: remote signing for Vietnam's public-service portals; the citizen confirms every signature"
                        : "Kyso: ký số từ xa cho các cổng dịch vụ công; công dân xác nhận từng lần ký",
                List.of("oauth2client", "oauth2code"), issuer, issuer, false, METHODS, false,
                new ServiceInfo.SignAlgorithmList(SignAlgorithms.allOids()),
                new ServiceInfo.SignatureFormats(List.of("P", "X"), List.of(List.of("Revision"),
                        List.of("Enveloped"))),
                ConformanceLevels.advertised());
        return HttpResponse.ok(info);
    }
}
