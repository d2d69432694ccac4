package io.kyso.signer.totp;

import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.support.NoFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code POST /api/v1/citizens/{id}/totp-enrollment}: the portal asks Kyso to invite its citizen
 * to enroll an authenticator app. The invitation (a link and a code) goes to the citizen through
 * their own channel; the portal learns only that it went (202), never a link, a code or a seed.
 */
@KysoApi
@Tag(name = OpenApiController.TAG_CITIZENS)
@Controller("/api/v1/citizens/{id}/totp-enrollment")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TotpEnrollmentController {
    private final TotpService totp;

    public TotpEnrollmentController(TotpService totp) {
        this.totp = totp;
    }

    @Operation(operationId = "inviteToTotpEnrollment", summary = "Invite the citizen to enroll an authenticator app")
    @ApiResponse(responseCode = "202", description = "The invitation went to the citizen's own channel, valid until expiresAt",
            useReturnTypeSchema = true)
    @Post
    @Idempotent
    public HttpResponse<TotpService.Invitation> invite(@Parameter(hidden = true) Portal portal, UUID id,
                                                       @Nullable @Body NoFields none) {
        return HttpResponse.accepted().body(totp.invite(portal, id));
    }
}
