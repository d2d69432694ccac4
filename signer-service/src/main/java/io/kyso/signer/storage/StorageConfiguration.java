package io.kyso.signer.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/** @param directory where documents are kept, e.g. {@code ./.kyso-dev/documents} */
@ConfigurationProperties("kyso.storage")
public record StorageConfiguration(@NotBlank String directory) {
}
