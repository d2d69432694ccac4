package io.kyso.signer.support;

/**
 * The one way a name from outside (a portal's document name, an uploader's file name) becomes a
 * file name Kyso writes somewhere — a ZIP entry, a report — : its last path segment only, without
 * control characters or {@code :}, never empty, {@code .} or {@code ..}, at most 255 characters. It
 * cannot climb out of its folder or confuse an unzipper; wherever the real name matters it is kept
 * beside (a manifest, a report's field).
 */
public final class FileNames {
    private static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** {@code raw} made safe, or {@code fallback} when nothing usable is left. */
    public static String clean(String raw, String fallback) {
        String name = raw == null ? "" : raw;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().filter(c -> !Character.isISOControl(c)).forEach(c -> safe.appendCodePoint(c == ':' ? '_' : c));
        String result = safe.toString().strip();
        if (result.isEmpty() || result.chars().allMatch(c -> c == '.')) {
            return fallback;
        }
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) : result;
    }
}
