package io.kyso.signer.problem;

import java.util.regex.Pattern;

/**
 * Paths as the log may show them. The citizen's links carry their secret in the path
 * ({@code /c/<token>}, {@code /t/<token>}, {@code /a/<token>}, {@code /s/<token>}): whoever reads the log must not be able to open them.
 */
public final class LoggedPaths {
    private static final Pattern SECRET_LINK = Pattern.compile("^/([ctas])/[^/]+");

    private LoggedPaths() {
    }

    public static String redact(String path) {
        return path == null ? "" : SECRET_LINK.matcher(path).replaceFirst("/$1/(token)");
    }
}
