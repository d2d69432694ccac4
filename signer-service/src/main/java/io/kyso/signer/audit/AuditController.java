package io.kyso.signer.audit;

import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.ChainedEntry;
import io.kyso.verification.report.ReportJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/audit}: verify a chain ({@code /verify}), read a request's entries
 * ({@code /events?requestId=}), and export a chain as JSON Lines ({@code /export}) for
 * {@code kyso-verify audit}. A portal sees its own chain ({@code scope=portal}, the default); an
 * auditor in {@code kyso.audit.full-chain-readers} may ask for the full one ({@code scope=full}).
 */
@KysoApi
@Tag(name = OpenApiController.TAG_AUDIT)
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {
    private final AuditChainVerifier verifier;
    private final AuditLog log;
    private final AuditExport export;
    private final AuditConfiguration config;

    public AuditController(AuditChainVerifier verifier, AuditLog log, AuditExport export, AuditConfiguration config) {
        this.verifier = verifier;
        this.log = log;
        this.export = export;
        this.config = config;
    }

    @Operation(operationId = "verifyAuditChain", summary = "Check the whole hash-chained audit log")
    @Get("/verify")
    public AuditChainVerifier.Result verify(@Parameter(hidden = true) Portal portal, @Nullable @QueryValue String scope) {
        if (!full(scope)) {
            return verifier.verifyPortal(portal.id());
        }
        if (!config.readsFullChain(portal.id())) {
            throw new KysoException(ErrorCode.AUDIT_FULL_CHAIN_FORBIDDEN,
                    "This API key may verify its own portal's chain only (scope=portal).");
        }
        return verifier.verifyFull();
    }

    /** The portal's entries about one of its requests, in its own chain; 404 for any other request. */
    @Operation(operationId = "getAuditEvents", summary = "The audit entries of one of the portal's requests")
    @ApiResponse(responseCode = "200", description = "The request's entries, with their chain hashes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/AuditEvents")))
    @Get("/events")
    public HttpResponse<byte[]> events(@Parameter(hidden = true) Portal portal, @QueryValue UUID requestId) throws IOException {
        List<ChainedEntry> entries = log.forRequest(portal.id(), requestId).stream()
                .filter(entry -> entry.portalLink() != null).map(AuditEntry::toPortalChained).toList();
        if (entries.isEmpty()) {
            throw new KysoException(ErrorCode.REQUEST_NOT_FOUND, "No signing request " + requestId + " for this portal.");
        }
        byte[] json = ReportJson.MAPPER.writeValueAsBytes(Map.of("requestId", requestId, "entries", entries));
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** A chain as JSON Lines: {@code scope=portal} (default) the portal's own, {@code scope=full} for an auditor. */
    @Operation(operationId = "exportAuditChain", summary = "The chain as JSON Lines, for kyso-verify audit")
    @ApiResponse(responseCode = "200", description = "One JSON entry per line, as an attachment", content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", format = "binary")))
    @Get("/export")
    public HttpResponse<StreamedFile> export(@Parameter(hidden = true) Portal portal, @Nullable @QueryValue String scope) {
        AuditExport.Scope chosen = full(scope) ? AuditExport.Scope.FULL : AuditExport.Scope.PORTAL;
        Path file = export.write(portal, chosen);
        try {
            StreamedFile body = new StreamedFile(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE),
                    MediaType.of(AuditJsonLines.MEDIA_TYPE)).attach("kyso-audit-" + chosen.name().toLowerCase(Locale.ROOT)
                    + ".jsonl");
            return HttpResponse.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean full(@Nullable String scope) {
        return "full".equalsIgnoreCase(scope);
    }
}
