package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.idempotency.Idempotent;
import io.kyso.signer.openapi.KysoApi;
import io.kyso.signer.openapi.OpenApiController;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.util.UUID;

/** {@code /api/v1/citizens}: enrollment of citizens' signing identities. */
@KysoApi
@Tag(name = OpenApiController.TAG_CITIZENS)
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
    @Operation(operationId = "enrollCitizen", summary = "Enroll a citizen: a key pair in the HSM, certified by the CA")
    @ApiResponse(responseCode = "201", description = "Enrolled: the citizen, their certificate and the activation link", useReturnTypeSchema = true)
    @Post
    @Idempotent
    public HttpResponse<CitizenView> enroll(@Parameter(hidden = true) Portal portal, @Valid @Body EnrollCitizen request) {
        EnrollmentService.Enrolled enrolled = enrollment.enroll(portal, request);
        return HttpResponse.created(enrolled.view(), URI.create(EnrollmentService.location(enrolled.citizen().id())));
    }

    /**
     * A new activation link for a credential still waiting for its citizen (new codes go to the
     * citizen; the earlier link stops working). {@code 409 credential.already_active} once active.
     */
    @Operation(operationId = "renewActivation", summary = "A new activation link for a credential still waiting for its citizen")
    @ApiResponse(responseCode = "201", description = "The citizen, with the new activation link", useReturnTypeSchema = true)
    @Post("/{id}/activation")
    @Idempotent
    public HttpResponse<CitizenView> renewActivation(@Parameter(hidden = true) Portal portal, UUID id) {
        return HttpResponse.created(activation.renew(portal, id));
    }

    @Operation(operationId = "getCitizen", summary = "A citizen, their certificate and code channel")
    @Get("/{id}")
    public CitizenView get(@Parameter(hidden = true) Portal portal, UUID id) {
        return enrollment.find(portal, id).map(CitizenView::of)
                .orElseThrow(() -> new KysoException(ErrorCode.CITIZEN_NOT_FOUND, "No citizen " + id + " for this portal."));
    }

    /** How the citizen wants to receive codes. */
    @Serdeable
    @Schema(name = "OtpChannelChoice") // its name in the OpenAPI contract and generated clients
    public record OtpChannelChoice(@NotNull OtpChannel otpChannel) {
    }

    @Operation(operationId = "changeOtpChannel", summary = "Choose how the citizen receives codes")
    @Put("/{id}/otp-channel")
    public CitizenView changeOtpChannel(@Parameter(hidden = true) Portal portal, UUID id, @Valid @Body OtpChannelChoice body) {
        return CitizenView.of(enrollment.changeOtpChannel(portal, id, body.otpChannel()));
    }
}
