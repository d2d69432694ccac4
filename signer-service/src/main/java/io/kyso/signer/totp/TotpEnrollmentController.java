package io.kyso.signer.totp;

import io.kyso.signer.portal.Portal;
import io.kyso.signer.support.NoFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.UUID;

/**
 * {@code POST /api/v1/citizens/{id}/totp-enrollment}: a one-time link the portal gives the citizen
 * to enroll an authenticator app. The portal never sees the seed.
 */
@Controller("/api/v1/citizens/{id}/totp-enrollment")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TotpEnrollmentController {
    private final TotpService totp;

    public TotpEnrollmentController(TotpService totp) {
        this.totp = totp;
    }

    @Post
    public HttpResponse<TotpService.EnrollmentLink> start(Portal portal, UUID id, @Nullable @Body NoFields none) {
        return HttpResponse.created(totp.startEnrollment(portal, id));
    }
}
