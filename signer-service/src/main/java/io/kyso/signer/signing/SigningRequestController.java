package io.kyso.signer.signing;

import io.kyso.signer.portal.Portal;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

/** {@code /api/v1/signing-requests}: dossiers sent for a citizen's signature, and their documents. */
@Controller("/api/v1/signing-requests")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SigningRequestController {
    private final SigningRequestService service;
    private final SigningRequestViews views;

    public SigningRequestController(SigningRequestService service, SigningRequestViews views) {
        this.service = service;
        this.views = views;
    }

    @Post
    public HttpResponse<SigningRequestView> create(Portal portal, @Valid @Body CreateSigningRequest request) {
        SigningRequest created = service.create(portal, request);
        return HttpResponse.created(views.of(created), URI.create("/api/v1/signing-requests/" + created.id()));
    }

    @Get("/{id}")
    public SigningRequestView get(Portal portal, UUID id) {
        return views.of(service.get(portal, id));
    }

    @Post("/{id}/rejection")
    public SigningRequestView reject(Portal portal, UUID id) {
        return views.of(service.reject(portal, id));
    }

    @Get("/{id}/documents/{documentId}/signed")
    public HttpResponse<SystemFile> signed(Portal portal, UUID id, UUID documentId) {
        return file(service.download(portal, id, documentId, true));
    }

    @Get("/{id}/documents/{documentId}/original")
    public HttpResponse<SystemFile> original(Portal portal, UUID id, UUID documentId) {
        return file(service.download(portal, id, documentId, false));
    }

    /** Streams the file from the store; citizens' documents are never cached on the way. */
    private static HttpResponse<SystemFile> file(SigningRequestService.Download download) {
        Document doc = download.document();
        String name = download.signed() ? doc.signedName() : doc.name();
        SystemFile file = new SystemFile(download.file().toFile(), MediaType.of(doc.contentType())).attach(name);
        return HttpResponse.ok(file).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
