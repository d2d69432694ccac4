package io.kyso.signer.csc.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.kyso.signer.csc.CscApi;
import io.kyso.signer.openapi.OpenApiController;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscCredentials;
import io.kyso.signer.csc.CscErrors;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.oauth.CredentialAuthorizationService;
import io.kyso.signer.enrollment.Citizen;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Set;

/**
 * {@code credentials/list} and {@code credentials/info} (CSC API v2 §11.4–11.5) for a portal's
 * service token: its own citizens' credentials only (another portal's is "Invalid parameter
 * credentialID", as one that does not exist). A credential token reads only its own credential.
 */
@CscApi
@SecurityRequirement(name = OpenApiController.CSC_OAUTH2, scopes = "service")
@SecurityRequirement(name = OpenApiController.CSC_OAUTH2, scopes = "credential")
@Controller(CscPaths.BASE + "/credentials")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialsController {
    private static final Set<String> LIST_FIELDS = Set.of("userID", "credentialInfo", "certificates", "certInfo",
            "authInfo", "onlyValid", "lang", "clientData");
    private static final Set<String> INFO_FIELDS = Set.of("credentialID", "certificates", "certInfo", "authInfo",
            "lang", "clientData");

    private final CscAccess access;
    private final CscCredentials credentials;
    private final CredentialDescriptions descriptions;
    private final CredentialAuthorizationService authorizations;
    private final CscConfiguration config;

    public CredentialsController(CscAccess access, CscCredentials credentials, CredentialDescriptions descriptions,
                                 CredentialAuthorizationService authorizations, CscConfiguration config) {
        this.access = access;
        this.credentials = credentials;
        this.descriptions = descriptions;
        this.authorizations = authorizations;
        this.config = config;
    }

    /** The answer of {@code credentials/list}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CscCredentialList") // its name in the OpenAPI contract and generated clients
    public record CredentialList(List<String> credentialIDs, List<CredentialInfo> credentialInfos, Boolean onlyValid) {
    }

    @Operation(operationId = "cscListCredentials", summary = "The portal's credentials, one per citizen",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/CscCredentialsListRequest"))))
    @Post(value = "/list", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<CredentialList> list(HttpRequest<?> http, @Parameter(hidden = true) @Nullable @Body String body) {
        return CscErrors.guard(() -> {
            AccessGrant caller = access.of(http);
            CscJson json = CscJson.parse(body, LIST_FIELDS);
            String userId = json.string("userID");
            boolean onlyValid = json.bool("onlyValid", false);
            List<Citizen> found;
            if (caller.kind() == AccessGrant.Kind.CREDENTIAL) {
                found = credentials.find(caller.portalId(), credentialOf(caller)).stream().toList();
            } else if (userId != null) {
                found = credentials.ofUser(caller.portalId(), userId);
            } else {
                found = credentials.ofPortal(caller.portalId(), config.maxListedCredentials() + 1);
                if (found.size() > config.maxListedCredentials()) {
                    throw CscException.invalidRequest("Missing (or invalid type) string parameter userID: this client has"
                            + " more than " + config.maxListedCredentials() + " credentials");
                }
            }
            if (onlyValid) {
                found = found.stream().filter(descriptions::maySign).toList();
            }
            CredentialDescriptions.Options options = new CredentialDescriptions.Options(json.string("certificates"),
                    json.bool("certInfo", false), json.bool("authInfo", false), json.string("lang"), true);
            List<CredentialInfo> infos = json.bool("credentialInfo", false)
                    ? found.stream().map(c -> descriptions.describe(c, options)).toList() : null;
            return HttpResponse.ok(new CredentialList(found.stream().map(c -> c.id().toString()).toList(), infos,
                    onlyValid ? Boolean.TRUE : null));
        });
    }

    @Operation(operationId = "cscCredentialInfo", summary = "One credential: its key, certificate chain and authorization mode",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/CscCredentialsInfoRequest"))))
    @Post(value = "/info", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<CredentialInfo> info(HttpRequest<?> http, @Parameter(hidden = true) @Nullable @Body String body) {
        return CscErrors.guard(() -> {
            AccessGrant caller = access.of(http);
            CscJson json = CscJson.parse(body, INFO_FIELDS);
            String credentialId = json.requiredString("credentialID");
            if (caller.kind() == AccessGrant.Kind.CREDENTIAL && !credentialId.equals(credentialOf(caller))) {
                throw CscException.invalidRequest("Invalid parameter credentialID");
            }
            Citizen citizen = credentials.find(caller.portalId(), credentialId)
                    .orElseThrow(() -> CscException.invalidRequest("Invalid parameter credentialID"));
            return HttpResponse.ok(descriptions.describe(citizen, new CredentialDescriptions.Options(
                    json.string("certificates"), json.bool("certInfo", false), json.bool("authInfo", false),
                    json.string("lang"), false)));
        });
    }

    private String credentialOf(AccessGrant grant) {
        return authorizations.find(grant.authorizationId()).orElseThrow().credentialId();
    }
}
