package io.kyso.signer.csc;

import io.kyso.signer.openapi.OpenApiController;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a controller of the CSC API v2 in the OpenAPI contract: errors are the specification's
 * {@code {error, error_description}} JSON ({@link CscErrorBody}), not Kyso's problems. Read when the
 * service is compiled; it changes no behaviour.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Tag(name = OpenApiController.TAG_CSC)
@ApiResponse(responseCode = "4XX",
        description = "Refused (CSC API v2 §10, RFC 6749 §5.2, RFC 6750 §3.1): `invalid_request` (400, the description"
                + " names the parameter), `invalid_token` (401), `insufficient_scope` (403)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = CscErrorBody.class),
                examples = @ExampleObject(name = "invalidRequest", ref = "#/components/examples/CscInvalidRequest")))
@ApiResponse(responseCode = "5XX",
        description = "Not done: `temporarily_unavailable` (503: the HSM or the database is down, nothing changed) or"
                + " `server_error` (500, with a reference to the service's log)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = CscErrorBody.class),
                examples = @ExampleObject(name = "unavailable", ref = "#/components/examples/CscUnavailable")))
public @interface CscApi {
}
