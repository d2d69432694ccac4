package io.kyso.signer.verification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.verification.VerificationService.Stored;
import io.kyso.signer.verification.VerificationService.Upload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/verifications}: a portal uploads a signed dossier (multipart, one part per file, a
 * detached XML signature with the file it covers) and gets the report: JSON, a page to read
 * ({@code report.html}, Vietnamese by default, {@code ?lang=en}), a PDF to file, and each file's
 * ETSI TS 119 102-2 validation report. Everything is the portal's alone.
 */
@KysoApi
@Tag(name = OpenApiController.TAG_VERIFICATION)
@Controller("/api/v1/verifications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VerificationController {
    private final VerificationService service;
    private final VerificationConfiguration config;

    public VerificationController(VerificationService service, VerificationConfiguration config) {
        this.service = service;
        this.config = config;
    }

    @Operation(operationId = "verifyDossier", summary = "Verify a signed dossier with EU DSS",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(ref = "#/components/schemas/VerificationUpload"))))
    @ApiResponse(responseCode = "201", description = "The report: a verdict for the dossier, each file and each signature",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/VerificationReport")))
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> verify(@Parameter(hidden = true) Portal portal, @Body MultipartBody body) {
        // A body over the limit is read to its end (parts discarded as they arrive) before the 413: a
        // client still sending when the server answered and closed could get a reset instead of the
        // answer. The server's max-request-size bounds what is read.
        List<CompletedFileUpload> parts = MultipartUploads.collect(body, config.maxUploadBytes());
        List<Upload> uploads = parts.stream()
                .map(part -> new Upload(part.getFilename(), part.getSize(), part::getInputStream)).toList();
        Stored stored = service.verify(portal, uploads);
        return json(HttpResponse.created(ReportViews.json(stored), URI.create(ReportViews.base(stored.id()))));
    }

    @Operation(operationId = "getVerification", summary = "A verification's report again")
    @ApiResponse(responseCode = "200", description = "The report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "#/components/schemas/VerificationReport")))
    @Get("/{id}")
    public HttpResponse<byte[]> get(@Parameter(hidden = true) Portal portal, UUID id) {
        return json(HttpResponse.ok(ReportViews.json(service.get(portal, id))));
    }

    @Operation(operationId = "getVerificationReportHtml", summary = "The report as a page, the verdict on top")
    @ApiResponse(responseCode = "200", description = "The page (Vietnamese, or English with lang=en)",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string")))
    @Get(value = "/{id}/report.html", produces = "text/html;charset=utf-8")
    public HttpResponse<String> html(@Parameter(hidden = true) Portal portal, UUID id, @Nullable @QueryValue String lang) {
        Stored stored = service.get(portal, id);
        return noStore(HttpResponse.ok(ReportHtml.render(stored.id(), stored.report(), ReportViews.locale(lang))));
    }

    @Operation(operationId = "getVerificationReportPdf", summary = "The report as a PDF to file")
    @ApiResponse(responseCode = "200", description = "The report, as an attachment", content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Get(value = "/{id}/report.pdf", produces = "application/pdf")
    public HttpResponse<byte[]> pdf(@Parameter(hidden = true) Portal portal, UUID id, @Nullable @QueryValue String lang) {
        Stored stored = service.get(portal, id);
        byte[] pdf = ReportPdf.render(stored.id(), stored.report(), ReportViews.locale(lang));
        return noStore(HttpResponse.ok(pdf).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"kyso-verification-" + id + ".pdf\""));
    }

    @Operation(operationId = "getEtsiValidationReport", summary = "A file's ETSI TS 119 102-2 validation report")
    @ApiResponse(responseCode = "200", description = "The XML report of file index (from 0)", content = @Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary")))
    @Get(value = "/{id}/files/{index}/etsi-report", produces = MediaType.APPLICATION_XML)
    public HttpResponse<SystemFile> etsiReport(@Parameter(hidden = true) Portal portal, UUID id, int index) {
        SystemFile file = new SystemFile(service.etsiReport(portal, id, index).toFile(), MediaType.APPLICATION_XML_TYPE)
                .attach("etsi-validation-report-" + id + "-" + index + ".xml");
        return noStore(HttpResponse.ok(file));
    }

    private static HttpResponse<byte[]> json(MutableHttpResponse<byte[]> response) {
        return noStore(response.contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
