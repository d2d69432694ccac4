package io.kyso.signer.request;

import io.kyso.signer.signing.DocumentOptions;
import io.micronaut.core.annotation.Nullable;
import io.kyso.signer.intake.IncomingDocument;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A portal's dossier for one citizen's signature.
 *
 * @param callbackUrl where Kyso calls the portal back when the request ends (optional; https, public
 *                    addresses only outside development: {@code webhook.CallbackUrlPolicy})
 */
@Serdeable
public record CreateSigningRequest(
        @NotNull UUID citizenId,
        @NotBlank @Size(max = 500) String title,
        @NotEmpty List<@Valid @NotNull IncomingDocument> documents,
        @Nullable @Size(max = 2000) String callbackUrl) {
}
