package io.kyso.verification.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A statement of the report in plain words: a stable code (e.g. {@code signature.revoked}), its
 * arguments (names, dates, page numbers) and the English text. Other languages are rendered from the
 * code and arguments with {@link Messages}, so a stored report can be shown in any of them.
 */
public record Finding(String code, List<String> args, String text) {

    public Finding {
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    public static Finding of(String code, Object... args) {
        List<String> strings = Arrays.stream(args).map(String::valueOf).toList();
        return new Finding(code, strings, Messages.format(code, strings, Locale.ENGLISH));
    }

    /** This finding in {@code locale} (English or Vietnamese). */
    public String text(Locale locale) {
        return Messages.format(code, args, locale);
    }
}
