package io.kyso.signer.csc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The body of every CSC and OAuth 2.0 error answer. */
@Serdeable
public record CscErrorBody(String error, @JsonProperty("error_description") String errorDescription) {
}
