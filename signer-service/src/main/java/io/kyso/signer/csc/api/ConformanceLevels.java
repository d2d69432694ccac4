package io.kyso.signer.csc.api;

import io.kyso.signer.csc.CscException;
import io.kyso.signer.signing.SignatureLevel;

import java.util.List;
import java.util.Map;

/**
 * The CSC API's {@code conformance_level} values and Kyso's signature levels. {@link #SUPPORTED} is
 * what {@code info} advertises and {@code signDoc} accepts: the levels Kyso's PAdES and XAdES engines
 * reach through {@code SigningContext.level()}; extend it as they reach more.
 */
final class ConformanceLevels {
    static final List<SignatureLevel> SUPPORTED = List.of(SignatureLevel.B_B);

    private static final Map<String, SignatureLevel> BY_NAME = Map.of(
            "Ades-B-B", SignatureLevel.B_B, "Ades-B", SignatureLevel.B_B,
            "Ades-B-T", SignatureLevel.B_T, "Ades-T", SignatureLevel.B_T,
            "Ades-B-LT", SignatureLevel.B_LT, "Ades-LT", SignatureLevel.B_LT,
            "Ades-B-LTA", SignatureLevel.B_LTA, "Ades-LTA", SignatureLevel.B_LTA);

    private ConformanceLevels() {
    }

    /** {@code info}'s {@code conformance_levels}. */
    static List<String> advertised() {
        return SUPPORTED.stream().map(level -> "Ades-" + level.label()).toList();
    }

    /** The level a {@code conformance_level} asks for (default {@code Ades-B-B}), if Kyso signs at it. */
    static SignatureLevel of(String name) {
        if (name == null) {
            return SignatureLevel.B_B;
        }
        SignatureLevel level = BY_NAME.get(name);
        if (level == null || !SUPPORTED.contains(level)) {
            throw CscException.invalidRequest("Invalid parameter conformance_level: supported " + advertised());
        }
        return level;
    }
}
