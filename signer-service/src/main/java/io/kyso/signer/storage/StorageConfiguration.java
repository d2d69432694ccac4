package io.kyso.signer.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotBlank;

/** @param directory where documents are kept, e.g. {@code ./.kyso-dev/documents} */
@Context
@ConfigurationProperties("kyso.storage")
public record StorageConfiguration(@NotBlank String directory) {
}
