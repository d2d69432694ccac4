package io.kyso.signer.totp;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.UUID;

/**
 * {@code POST /api/v1/citizens/{id}/totp-enrollment}: a one-time link the portal gives the citizen
 * to enroll an authenticator app. The portal never sees the seed.
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

    @Operation(operationId = "startTotpEnrollment", summary = "A one-time link for the citizen to enroll an authenticator app")
    @ApiResponse(responseCode = "201", description = "The link, valid once until expiresAt", useReturnTypeSchema = true)
    @Post
    public HttpResponse<TotpService.EnrollmentLink> start(@Parameter(hidden = true) Portal portal, UUID id) {
        return HttpResponse.created(totp.startEnrollment(portal, id));
    }
}
