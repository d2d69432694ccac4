package io.kyso.signer.request;

import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.idempotency.IdempotentExecution;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.support.NoFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/signing-requests}: dossiers sent for a citizen's signature, and their documents. A
 * dossier comes as JSON with base64 documents, or as {@code multipart/form-data} whose document
 * parts stream to storage (large documents). Every POST honours {@code Idempotency-Key}.
 */
@KysoApi
@Tag(name = OpenApiController.TAG_SIGNING)
@Controller("/api/v1/signing-requests")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SigningRequestController {
    private final SigningRequestService service;
    private final MultipartIntake multipart;
    private final IdempotentExecution idempotent;
    private final SigningRequestViews views;

    public SigningRequestController(SigningRequestService service, MultipartIntake multipart,
                                    IdempotentExecution idempotent, SigningRequestViews views) {
        this.service = service;
        this.multipart = multipart;
        this.idempotent = idempotent;
        this.views = views;
    }

    @Operation(operationId = "createSigningRequest", summary = "Send a dossier for the citizen's signature; Kyso sends the citizen a code",
            requestBody = @RequestBody(required = true, content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateSigningRequest.class)),
                @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(ref = "#/components/schemas/SigningRequestUpload"),
                        encoding = @Encoding(name = "request", contentType = MediaType.APPLICATION_JSON))}))
    @ApiResponse(responseCode = "201", description = "Accepted: the request awaits the citizen's confirmation", useReturnTypeSchema = true)
    @Post
    @Idempotent
    public HttpResponse<SigningRequestView> create(@Parameter(hidden = true) Portal portal, @Valid @Body CreateSigningRequest request) {
        return created(service.create(portal, request));
    }

    /**
     * The multipart form: the parts are staged and hashed first, since the idempotency fingerprint
     * covers the documents, then the request is created (or its first answer replayed).
     */
    @Operation(hidden = true) // documented with create: one operation, two forms of body
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> upload(HttpRequest<?> request, @Parameter(hidden = true) Portal portal,
                                  @Nullable @Header(IdempotentExecution.HEADER) String key, @Body MultipartBody body) {
        MultipartIntake.Received received = multipart.receive(portal, request.getMethodName(), request.getPath(), body);
        try {
            return idempotent.run(portal, key, received.fingerprint(),
                    () -> created(service.create(portal, received.citizen(), received.command(), received.staged())));
        } finally {
            multipart.discard(received);
        }
    }

    private MutableHttpResponse<SigningRequestView> created(SigningRequest created) {
        return HttpResponse.created(views.of(created), URI.create(SigningRequestService.location(created.id())));
    }

    @Operation(operationId = "getSigningRequest", summary = "A signing request: its status and documents")
    @Get("/{id}")
    public SigningRequestView get(@Parameter(hidden = true) Portal portal, UUID id) {
        return views.of(service.get(portal, id));
    }

    @Operation(operationId = "rejectSigningRequest", summary = "The citizen refuses the whole dossier")
    @Post("/{id}/rejection")
    @Idempotent
    public SigningRequestView reject(@Parameter(hidden = true) Portal portal, UUID id, @Nullable @Body NoFields none) {
        return views.of(service.reject(portal, id));
    }

    /** The newest signed version (archive renewal adds versions), or {@code ?version=n}. */
    @Operation(operationId = "downloadSignedDocument", summary = "The signed document, or a detached XML signature")
    @ApiResponse(responseCode = "200", description = "The signed file, as an attachment", content = {@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")), @Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary"))})
    @Get("/{id}/documents/{documentId}/signed{?version}")
    public HttpResponse<SystemFile> signed(@Parameter(hidden = true) Portal portal, UUID id, UUID documentId, @Nullable @QueryValue @Min(1) Integer version) {
        return file(service.download(portal, id, documentId, SigningRequestService.Version.SIGNED, version));
    }

    /** Every signed version of the document, oldest first. */
    @Operation(operationId = "listSignedVersions", summary = "Every signed version of a document, oldest first")
    @Get("/{id}/documents/{documentId}/versions")
    public List<SignedVersions.Version> versions(@Parameter(hidden = true) Portal portal, UUID id, UUID documentId) {
        return service.versions(portal, id, documentId);
    }

    @Operation(operationId = "downloadOriginalDocument", summary = "The document as the portal uploaded it")
    @ApiResponse(responseCode = "200", description = "The original file, as an attachment", content = {@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")), @Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary")), @Content(mediaType = "text/xml", schema = @Schema(type = "string", format = "binary"))})
    @Get("/{id}/documents/{documentId}/original")
    public HttpResponse<SystemFile> original(@Parameter(hidden = true) Portal portal, UUID id, UUID documentId) {
        return file(service.download(portal, id, documentId, SigningRequestService.Version.ORIGINAL));
    }

    /** Streams the file from the store; citizens' documents are never cached on the way. */
    private static HttpResponse<SystemFile> file(SigningRequestService.Download download) {
        Document doc = download.document();
        String name = download.version() == SigningRequestService.Version.SIGNED ? doc.signedName() : doc.name();
        SystemFile file = new SystemFile(download.file().toFile(), MediaType.of(doc.contentType())).attach(name);
        return HttpResponse.ok(file).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
