package io.kyso.signer.openapi;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.openapi.annotation.OpenAPIExtraSchema;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kyso.verification.audit.ChainedEntry;
import io.kyso.verification.report.DossierReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the OpenAPI 3 contract of {@code /api/v1} and {@code /csc/v2}, for
 * portals to read and to generate clients from. It is generated from the controllers when the
 * service is compiled ({@code signer-service/openapi.properties}, with the hand-written parts in
 * {@code src/main/openapi}), so it describes exactly the code it ships with; it is public, like the
 * CSC API's {@code info}.
 */
@OpenAPIDefinition(
        info = @Info(title = "Kyso", version = OpenApiController.VERSION,
                description = "Remote signing for Vietnam's public-service portals. Kyso's own API (`/api/v1`): enroll"
                        + " citizens, send dossiers for signature, relay the citizen's one-time code, download signed"
                        + " documents, verify signed dossiers, read the audit trail; every refusal is an RFC 9457"
                        + " problem (`application/problem+json`) with a stable `code`. The Cloud Signature Consortium"
                        + " API v2.0.0.2 (`/csc/v2`): hash and document signing under OAuth 2.0, errors as"
                        + " `{error, error_description}`.",
                license = @License(name = "Proprietary")),
        // relative: the service that serves the document; a generated client takes its base address
        servers = @Server(url = "/", description = "The Kyso service that serves this document"),
        tags = {
            @Tag(name = OpenApiController.TAG_CITIZENS, description = "Citizens' signing identities: enrollment, code"
                    + " channels, authenticator apps, revocation"),
            @Tag(name = OpenApiController.TAG_SIGNING, description = "Dossiers sent for a citizen's signature, their"
                    + " confirmation and their signed documents"),
            @Tag(name = OpenApiController.TAG_VERIFICATION, description = "Verification of signed dossiers with EU DSS"),
            @Tag(name = OpenApiController.TAG_AUDIT, description = "The hash-chained audit trail"),
            @Tag(name = OpenApiController.TAG_CSC, description = "Cloud Signature Consortium API v2.0.0.2")
        })
@SecurityScheme(name = OpenApiController.PORTAL_API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The portal's API key: `Authorization: Bearer <API key>`")
@SecurityScheme(name = OpenApiController.CSC_OAUTH2, type = SecuritySchemeType.OAUTH2,
        description = "OAuth 2.0 (RFC 6749) with Kyso's authorization server: the portal's id as client id, its API key"
                + " as client secret. Client credentials give a service token; the authorization code flow (PKCE,"
                + " pushed requests, authorization details), confirmed by the citizen, gives a credential token bound"
                + " to the authorized hashes. Metadata at `/.well-known/oauth-authorization-server`.",
        flows = @OAuthFlows(
                clientCredentials = @OAuthFlow(tokenUrl = "/oauth2/token",
                        scopes = @OAuthScope(name = "service", description = "list and read the portal's credentials")),
                authorizationCode = @OAuthFlow(authorizationUrl = "/oauth2/authorize", tokenUrl = "/oauth2/token",
                        scopes = @OAuthScope(name = "credential", description = "sign the hashes the citizen confirmed"))))
// JSON the service composes itself (src/main/openapi: VerificationReport, AuditEvents) is built on these
@OpenAPIExtraSchema(classes = {DossierReport.class, ChainedEntry.class})
@Controller
public class OpenApiController {
    public static final String PATH = "/openapi.yaml";
    /** RFC 9512's media type for YAML. */
    public static final String MEDIA_TYPE = "application/yaml";
    static final String VERSION = "1.0.0";
    public static final String PORTAL_API_KEY = "portalApiKey";
    public static final String CSC_OAUTH2 = "cscOAuth2";
    public static final String TAG_CITIZENS = "Citizens";
    public static final String TAG_SIGNING = "Signing requests";
    public static final String TAG_VERIFICATION = "Verification";
    public static final String TAG_AUDIT = "Audit";
    public static final String TAG_CSC = "CSC API v2";
    /** Where the annotation processor writes the document ({@code micronaut.openapi.filename}). */
    static final String RESOURCE = "META-INF/swagger/kyso.yml";

    private final byte[] document;

    public OpenApiController() {
        this.document = read();
    }

    @Get(value = PATH, produces = MEDIA_TYPE)
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    private static byte[] read() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the service was compiled without micronaut-openapi");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
