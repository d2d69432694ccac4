package io.kyso.signer.totp;

import io.kyso.signer.idempotency.Idempotent;
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
 * {@code POST /api/v1/citizens/{id}/totp-enrollment}: the portal asks Kyso to invite its citizen
 * to enroll an authenticator app. The invitation (a link and a code) goes to the citizen through
 * their own channel; the portal learns only that it went (202), never a link, a code or a seed.
 */
@Controller("/api/v1/citizens/{id}/totp-enrollment")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TotpEnrollmentController {
    private final TotpService totp;

    public TotpEnrollmentController(TotpService totp) {
        this.totp = totp;
    }

    @Post
    @Idempotent
    public HttpResponse<TotpService.Invitation> invite(Portal portal, UUID id, @Nullable @Body NoFields none) {
        return HttpResponse.accepted().body(totp.invite(portal, id));
    }
}
