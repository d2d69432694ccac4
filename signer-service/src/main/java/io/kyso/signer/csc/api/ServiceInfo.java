package io.kyso.signer.csc.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The answer of {@code info} (CSC API v2 §11.1). */
@Serdeable
public record ServiceInfo(
        String specs,
        String name,
        String logo,
        String region,
        String lang,
        String description,
        List<String> authType,
        String oauth2,
        String oauth2Issuer,
        boolean asynchronousOperationMode,
        List<String> methods,
        boolean validationInfo,
        SignAlgorithmList signAlgorithms,
        @JsonProperty("signature_formats") SignatureFormats signatureFormats,
        @JsonProperty("conformance_levels") List<String> conformanceLevels) {

    @Serdeable
    public record SignAlgorithmList(List<String> algos) {
    }

    /** {@code P} PAdES, {@code X} XAdES, each with its envelope properties. */
    @Serdeable
    public record SignatureFormats(List<String> formats, @JsonProperty("envelope_properties") List<List<String>> envelopeProperties) {
    }
}
