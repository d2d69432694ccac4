package io.kyso.signer.confirmation;

import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.request.SigningRequestView;
import io.kyso.signer.request.SigningRequestViews;
import io.kyso.signer.support.Masked;
import io.kyso.signer.support.NoFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import java.util.List;
import java.util.UUID;

/**
 * A citizen's confirmation relayed by the portal, and code resends. The page the citizen opens on
 * the phone uses the same service.
 */
@KysoApi
@Tag(name = OpenApiController.TAG_SIGNING)
@Controller("/api/v1/signing-requests/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConfirmationController {
    private final ConfirmationService confirmations;
    private final SigningRequestViews views;

    public ConfirmationController(ConfirmationService confirmations, SigningRequestViews views) {
        this.confirmations = confirmations;
        this.views = views;
    }

    /**
     * The code the citizen entered (never logged) and, optionally, the documents they approve; the
     * others are rejected. Absent means all.
     */
    @Serdeable
    @Schema(name = "Confirmation") // its name in the OpenAPI contract and generated clients
    public record ConfirmationBody(@NotBlank String otp, @Nullable List<UUID> approvedDocumentIds) {
        @Override
        public String toString() {
            return "ConfirmationBody[otp=" + Masked.HIDDEN + ", approvedDocumentIds=" + approvedDocumentIds + "]";
        }
    }

    @Operation(operationId = "confirmSigningRequest", summary = "Relay the citizen's code: Kyso signs the approved documents")
    @Post("/confirmation")
    @Idempotent
    public SigningRequestView confirm(@Parameter(hidden = true) Portal portal, UUID id, @Valid @Body ConfirmationBody body) {
        return views.of(confirmations.confirm(portal, id,
                new Confirmation(body.otp(), body.approvedDocumentIds(), null, Confirmation.Via.API)));
    }

    @Operation(operationId = "resendCode", summary = "Send the citizen a new code")
    @Post("/otp")
    @Idempotent
    public SigningRequestView resend(@Parameter(hidden = true) Portal portal, UUID id, @Nullable @Body NoFields none) {
        return views.of(confirmations.resend(portal, id));
    }
}
