package io.kyso.signer.confirmation;

import io.kyso.signer.idempotency.Idempotent;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import java.util.List;
import java.util.UUID;

/**
 * A citizen's confirmation relayed by the portal, and code resends. The page the citizen opens on
 * the phone uses the same service.
 */
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
    public record ConfirmationBody(@NotBlank String otp, @Nullable List<UUID> approvedDocumentIds) {
        @Override
        public String toString() {
            return "ConfirmationBody[otp=" + Masked.HIDDEN + ", approvedDocumentIds=" + approvedDocumentIds + "]";
        }
    }

    @Post("/confirmation")
    @Idempotent
    public SigningRequestView confirm(Portal portal, UUID id, @Valid @Body ConfirmationBody body) {
        return views.of(confirmations.confirm(portal, id,
                new Confirmation(body.otp(), body.approvedDocumentIds(), null, Confirmation.Via.API)));
    }

    @Post("/otp")
    @Idempotent
    public SigningRequestView resend(Portal portal, UUID id, @Nullable @Body NoFields none) {
        return views.of(confirmations.resend(portal, id));
    }
}
