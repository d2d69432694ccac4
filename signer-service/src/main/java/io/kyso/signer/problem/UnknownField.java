package io.kyso.signer.problem;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body refused because it has a field the call does not know ({@code request.unknown_field}).
 * Unknown fields are refused rather than skipped (configuration
 * {@code micronaut.serde.deserialization.ignore-unknown: false}) so that a misspelt option never
 * silently does nothing. Micronaut Serde reports one as a plain {@code SerdeException} whose message
 * names the field and the type; that message is the only place the name is, hence the pattern
 * (pinned by a test, so a change of wording on a Serde upgrade is caught).
 */
public final class UnknownField {
    private static final Pattern SERDE_MESSAGE = Pattern.compile(
            "Unknown property \\[([^\\]]{1,100})\\] encountered during deserialization of type: ([\\w$.]+)");

    private UnknownField() {
    }

    /** The problem for {@code failure}, if it (or a cause) is Serde refusing an unknown field. */
    public static Optional<Problem> problemOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = t.getMessage() == null ? null : SERDE_MESSAGE.matcher(t.getMessage());
            if (m != null && m.find()) {
                return Optional.of(problem(m.group(1), m.group(2)));
            }
        }
        return Optional.empty();
    }

    private static Problem problem(String field, String type) {
        String simpleType = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
        return Problem.of(ErrorCode.REQUEST_UNKNOWN_FIELD, "The body has a field \"" + field + "\" that " + simpleType
                + " does not have; check its spelling against the API documentation (nothing was done).")
                .withField(field);
    }
}
