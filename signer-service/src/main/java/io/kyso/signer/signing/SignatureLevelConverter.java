package io.kyso.signer.signing;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Reads a level from configuration as ETSI writes it ({@code kyso.signing.default-level: B-LTA}). */
@Singleton
public class SignatureLevelConverter implements TypeConverter<CharSequence, SignatureLevel> {
    @Override
    public Optional<SignatureLevel> convert(CharSequence value, Class<SignatureLevel> target, ConversionContext context) {
        Optional<SignatureLevel> level = SignatureLevel.find(value.toString().strip());
        if (level.isEmpty()) {
            context.reject(value, new IllegalArgumentException(
                    "'" + value + "' is not a signature level (B-B, B-T, B-LT, B-LTA)"));
        }
        return level;
    }
}
