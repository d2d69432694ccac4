package io.kyso.signer.verification;

import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ProblemResponses;
import io.kyso.signer.verification.VerificationService.Stored;
import io.kyso.signer.verification.VerificationService.Upload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
@Controller("/api/v1/verifications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VerificationController {
    private final VerificationService service;
    private final VerificationConfiguration config;

    public VerificationController(VerificationService service, VerificationConfiguration config) {
        this.service = service;
        this.config = config;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> verify(Portal portal, HttpRequest<?> request, @Body MultipartBody body) {
        if (request.getContentLength() > config.maxUploadBytes()) {
            // refused before reading the body: the connection must close, its unread rest cannot carry a next request
            return ProblemResponses.of(VerificationService.tooLarge(config.maxUploadBytes()).problem())
                    .header(HttpHeaders.CONNECTION, "close");
        }
        List<CompletedFileUpload> parts = MultipartUploads.collect(body, config.maxUploadBytes());
        List<Upload> uploads = parts.stream()
                .map(part -> new Upload(part.getFilename(), part.getSize(), part::getInputStream)).toList();
        Stored stored = service.verify(portal, uploads);
        return json(HttpResponse.created(ReportViews.json(stored), URI.create(ReportViews.base(stored.id()))));
    }

    @Get("/{id}")
    public HttpResponse<byte[]> get(Portal portal, UUID id) {
        return json(HttpResponse.ok(ReportViews.json(service.get(portal, id))));
    }

    @Get(value = "/{id}/report.html", produces = "text/html;charset=utf-8")
    public HttpResponse<String> html(Portal portal, UUID id, @Nullable @QueryValue String lang) {
        Stored stored = service.get(portal, id);
        return noStore(HttpResponse.ok(ReportHtml.render(stored.id(), stored.report(), ReportViews.locale(lang))));
    }

    @Get(value = "/{id}/report.pdf", produces = "application/pdf")
    public HttpResponse<byte[]> pdf(Portal portal, UUID id, @Nullable @QueryValue String lang) {
        Stored stored = service.get(portal, id);
        byte[] pdf = ReportPdf.render(stored.id(), stored.report(), ReportViews.locale(lang));
        return noStore(HttpResponse.ok(pdf).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"kyso-verification-" + id + ".pdf\""));
    }

    @Get(value = "/{id}/files/{index}/etsi-report", produces = MediaType.APPLICATION_XML)
    public HttpResponse<SystemFile> etsiReport(Portal portal, UUID id, int index) {
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
