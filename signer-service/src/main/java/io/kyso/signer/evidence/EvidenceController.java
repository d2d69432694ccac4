package io.kyso.signer.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** {@code GET /api/v1/signing-requests/{id}/evidence}: the request's evidence package (ZIP), sealed by Kyso. */
@KysoApi
@Tag(name = OpenApiController.TAG_SIGNING)
@Controller("/api/v1/signing-requests")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EvidenceController {
    private final EvidencePackager packager;

    public EvidenceController(EvidencePackager packager) {
        this.packager = packager;
    }

    @Operation(operationId = "getEvidencePackage", summary = "The request's evidence package, sealed by Kyso")
    @ApiResponse(responseCode = "200", description = "A ZIP: originals, signed files, audit entries, CRLs and the sealed manifest.json", content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @Get(value = "/{id}/evidence", produces = "application/zip")
    public HttpResponse<StreamedFile> evidence(@Parameter(hidden = true) Portal portal, UUID id) {
        EvidencePackager.Package evidence = packager.write(portal, id);
        try {
            // the temporary file goes away once the download has read it
            StreamedFile body = new StreamedFile(Files.newInputStream(evidence.file(), StandardOpenOption.DELETE_ON_CLOSE),
                    MediaType.of("application/zip")).attach(evidence.fileName());
            return HttpResponse.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
