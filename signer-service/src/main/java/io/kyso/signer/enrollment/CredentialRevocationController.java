package io.kyso.signer.enrollment;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.pki.Revocation;
import io.kyso.signer.pki.RevocationReason;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code /api/v1/citizens/{id}/revocation}: a portal revokes one of its citizens' signing
 * credentials (final; the CRL and OCSP show it at once, and the key signs nothing more), or reads
 * whether it is revoked.
 */
@KysoApi
@Tag(name = OpenApiController.TAG_CITIZENS)
@Controller("/api/v1/citizens/{id}/revocation")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialRevocationController {
    private final CredentialRevocation revocation;

    public CredentialRevocationController(CredentialRevocation revocation) {
        this.revocation = revocation;
    }

    /** Why the portal revokes the credential. */
    @Serdeable
    @Schema(name = "RevokeCredential") // its name in the OpenAPI contract and generated clients
    public record RevokeCredential(@NotNull RevocationReason reason) {
    }

    /** A revoked credential as the API shows it: the certificate's serial (hex), when, and why. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CredentialRevocation") // its name in the OpenAPI contract and generated clients
    public record RevocationView(UUID citizenId, String certificateSerial, Instant revokedAt, RevocationReason reason) {
        static RevocationView of(UUID citizenId, Revocation r) {
            return new RevocationView(citizenId, r.serial().toString(16), r.revokedAt(), RevocationReason.of(r.reasonCode()));
        }
    }

    @Operation(operationId = "revokeCredential", summary = "Revoke the citizen's signing credential (final)")
    @Post
    @Idempotent
    public RevocationView revoke(@Parameter(hidden = true) Portal portal, UUID id, @Valid @Body RevokeCredential body) {
        return RevocationView.of(id, revocation.revoke(portal, id, body.reason()));
    }

    @Operation(operationId = "getCredentialRevocation", summary = "The credential's revocation; 404 while it is not revoked")
    @Get
    public RevocationView get(@Parameter(hidden = true) Portal portal, UUID id) {
        return revocation.revocationOf(portal, id).map(r -> RevocationView.of(id, r)).orElseThrow(() ->
                new KysoException(ErrorCode.NOT_FOUND, "The credential of citizen " + id + " is not revoked."));
    }
}
