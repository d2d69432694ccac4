package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

/** {@code /api/v1/citizens}: enrollment of citizens' signing identities. */
@Controller("/api/v1/citizens")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CitizenController {
    private final EnrollmentService enrollment;
    private final CredentialActivation activation;

    public CitizenController(EnrollmentService enrollment, CredentialActivation activation) {
        this.enrollment = enrollment;
        this.activation = activation;
    }

    /**
     * Enrolls a citizen. The answer carries {@code activationUrl}: the page where the citizen
     * activates the credential with the codes Kyso sends them; until then it signs nothing.
     */
    @Post
    @Idempotent
    public HttpResponse<CitizenView> enroll(Portal portal, @Valid @Body EnrollCitizen request) {
        EnrollmentService.Enrolled enrolled = enrollment.enroll(portal, request);
        return HttpResponse.created(enrolled.view(), URI.create(EnrollmentService.location(enrolled.citizen().id())));
    }

    /**
     * A new activation link for a credential still waiting for its citizen (new codes go to the
     * citizen; the earlier link stops working). {@code 409 credential.already_active} once active.
     */
    @Post("/{id}/activation")
    @Idempotent
    public HttpResponse<CitizenView> renewActivation(Portal portal, UUID id) {
        return HttpResponse.created(activation.renew(portal, id));
    }

    @Get("/{id}")
    public CitizenView get(Portal portal, UUID id) {
        return enrollment.find(portal, id).map(CitizenView::of)
                .orElseThrow(() -> new KysoException(ErrorCode.CITIZEN_NOT_FOUND, "No citizen " + id + " for this portal."));
    }

    /** How the citizen wants to receive codes. */
    @Serdeable
    public record OtpChannelChoice(@NotNull OtpChannel otpChannel) {
    }

    @Put("/{id}/otp-channel")
    public CitizenView changeOtpChannel(Portal portal, UUID id, @Valid @Body OtpChannelChoice body) {
        return CitizenView.of(enrollment.changeOtpChannel(portal, id, body.otpChannel()));
    }
}
