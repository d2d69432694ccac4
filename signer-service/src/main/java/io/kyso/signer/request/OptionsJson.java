package io.kyso.signer.request;

import io.kyso.signer.signing.DocumentOptions;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Stores {@link DocumentOptions} as JSON text in the database. */
@Singleton
class OptionsJson {
    private final JsonMapper mapper;

    OptionsJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String write(DocumentOptions options) {
        try {
            return options == null ? null : mapper.writeValueAsString(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DocumentOptions read(String text) {
        try {
            return text == null ? DocumentOptions.DEFAULT : mapper.readValue(text, DocumentOptions.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
