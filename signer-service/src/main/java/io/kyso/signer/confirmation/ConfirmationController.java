package io.kyso.signer.confirmation;

import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.signing.SigningRequestView;
import io.kyso.signer.signing.SigningRequestViews;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

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

    /** The code the citizen entered. Never logged. */
    @Serdeable
    public record Confirmation(@NotBlank String otp) {
        @Override
        public String toString() {
            return "Confirmation[otp=(hidden)]";
        }
    }

    @Post("/confirmation")
    @Idempotent
    public SigningRequestView confirm(Portal portal, UUID id, @Valid @Body Confirmation body) {
        return views.of(confirmations.confirm(portal, id, body.otp().strip()));
    }

    @Post("/otp")
    @Idempotent
    public SigningRequestView resend(Portal portal, UUID id) {
        return views.of(confirmations.resend(portal, id));
    }
}
