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
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.CscErrors;
import io.kyso.signer.csc.CscException;
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

import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code signatures/signHash} and {@code signatures/signDoc} (CSC API v2 §11.9–11.10), synchronous
 * only. Both sign under a credential authorization the citizen confirmed: the credential token as
 * the bearer token, or (for older clients) a service token with the credential token as {@code SAD}.
 * A service token alone never signs.
 */
@CscApi
@SecurityRequirement(name = OpenApiController.CSC_OAUTH2, scopes = "service")
@SecurityRequirement(name = OpenApiController.CSC_OAUTH2, scopes = "credential")
@Controller(CscPaths.BASE + "/signatures")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignaturesController {
    private static final Set<String> SIGN_HASH_FIELDS = Set.of("credentialID", "SAD", "hashes", "hashAlgorithmOID",
            "signAlgo", "signAlgoParams", "operationMode", "validity_period", "response_uri", "clientData");
    private static final Set<String> SIGN_DOC_FIELDS = Set.of("credentialID", "signatureQualifier", "SAD",
            "documentDigests", "documents", "operationMode", "validity_period", "response_uri", "clientData",
            "returnValidationInformation");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("document", "signature_format", "conformance_level",
            "signAlgo", "signAlgoParams", "signed_props", "signed_envelope_property");

    private final CscAccess access;
    private final HashSigning hashes;
    private final DocumentSigning documents;

    public SignaturesController(CscAccess access, HashSigning hashes, DocumentSigning documents) {
        this.access = access;
        this.hashes = hashes;
        this.documents = documents;
    }

    /** The answer of signHash: the signature values, base64, in the order of the hashes. */
    @Serdeable
    @Schema(name = "CscSignatures") // its name in the OpenAPI contract and generated clients
    public record Signatures(List<String> signatures) {
    }

    /** The answer of signDoc: the signed documents, base64. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CscSignedDocuments") // its name in the OpenAPI contract and generated clients
    public record SignedDocuments(@JsonProperty("DocumentWithSignature") List<String> documentWithSignature) {
    }

    @Operation(operationId = "cscSignHash", summary = "Sign hashes the citizen authorized (up to 200 per call)",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/CscSignHashRequest"))))
    @Post(value = "/signHash", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Signatures> signHash(HttpRequest<?> http, @Parameter(hidden = true) @Nullable @Body String body) {
        return CscErrors.guard(() -> {
            AccessGrant caller = access.of(http);
            CscJson json = CscJson.parse(body, SIGN_HASH_FIELDS);
            requireSynchronous(json);
            HashSigning.Call call = new HashSigning.Call(json.requiredString("credentialID"), json.requiredStrings("hashes"),
                    json.string("hashAlgorithmOID"), json.requiredString("signAlgo"), json.string("signAlgoParams"));
            AccessGrant grant = access.credentialGrant(caller, json.string("SAD"));
            List<String> values = hashes.sign(grant, call).stream().map(Base64.getEncoder()::encodeToString).toList();
            return HttpResponse.ok(new Signatures(values));
        });
    }

    @Operation(operationId = "cscSignDoc", summary = "Sign whole documents: PAdES or enveloped XAdES",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/CscSignDocRequest"))))
    @Post(value = "/signDoc", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SignedDocuments> signDoc(HttpRequest<?> http, @Parameter(hidden = true) @Nullable @Body String body) {
        return CscErrors.guard(() -> {
            AccessGrant caller = access.of(http);
            CscJson json = CscJson.parse(body, SIGN_DOC_FIELDS);
            requireSynchronous(json);
            String credentialId = json.requiredString("credentialID");
            if (json.has("documentDigests")) {
                throw CscException.invalidRequest("documentDigests are not supported: sign hashes with signatures/signHash");
            }
            if (json.has("signatureQualifier")) {
                throw CscException.invalidRequest("Invalid parameter signatureQualifier: name the credential by credentialID");
            }
            List<CscJson> documentFields = json.objects("documents", DOCUMENT_FIELDS);
            if (documentFields.stream().anyMatch(d -> d.has("signed_props"))) {
                throw CscException.invalidRequest("Invalid parameter signed_props: Kyso sets the signed attributes");
            }
            List<DocumentSigning.Item> items = documentFields.stream()
                    .map(d -> new DocumentSigning.Item(d.string("document"), d.string("signature_format"),
                            d.string("conformance_level"), d.requiredString("signAlgo"), d.string("signAlgoParams"),
                            d.string("signed_envelope_property")))
                    .toList();
            if (items.isEmpty()) {
                throw CscException.invalidRequest("Missing (or invalid type) array parameter documents");
            }
            AccessGrant grant = access.credentialGrant(caller, json.string("SAD"));
            return HttpResponse.ok(new SignedDocuments(documents.sign(grant, credentialId, items)));
        });
    }

    private static void requireSynchronous(CscJson json) {
        String mode = json.string("operationMode");
        if (mode != null && !"S".equals(mode)) {
            throw CscException.invalidRequest("Invalid parameter operationMode: only S (synchronous) is supported");
        }
    }
}
