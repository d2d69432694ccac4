package io.kyso.signer.openapi;

import io.kyso.signer.problem.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a controller of Kyso's own API ({@code /api/v1}) in the OpenAPI contract: portals call
 * it with their API key as bearer token, and every refusal or failure is an RFC 9457 problem with
 * Kyso's stable {@code code}. It is read when the service is compiled and changes no behaviour (the
 * API key filter and the problem handlers do what it says).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@SecurityRequirement(name = OpenApiController.PORTAL_API_KEY)
@ApiResponse(responseCode = "4XX",
        description = "Refused: an RFC 9457 problem whose `code` says why (e.g. `otp.invalid` with `attemptsLeft`,"
                + " `request.locked`, `document.malformed` with `document`, `auth.invalid_api_key`)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = {
                    @ExampleObject(name = "wrongCode", ref = "#/components/examples/ProblemWrongCode"),
                    @ExampleObject(name = "malformedDocument", ref = "#/components/examples/ProblemMalformedDocument")
                }))
@ApiResponse(responseCode = "5XX",
        description = "Not done: `hsm.unavailable`, `database.unavailable` (503, retry later; nothing changed) or"
                + " `internal` (500, with a reference to the service's log and nothing else)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "hsmUnavailable", ref = "#/components/examples/ProblemHsmUnavailable")))
public @interface KysoApi {
}
