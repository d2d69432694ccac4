package io.kyso.signer.evidence;

/**
 * A document's name as a ZIP entry's last segment: whatever a portal named it, it cannot climb out
 * of its folder or confuse an unzipper ({@code /}, {@code \}, {@code :}, control characters and a
 * bare {@code .} or {@code ..} are replaced). The manifest keeps the real name.
 */
final class ZipNames {
    private ZipNames() {
    }

    static String safe(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(c == '/' || c == '\\' || c == ':' || Character.isISOControl(c)
                ? '_' : c));
        String result = safe.toString().strip();
        return result.isEmpty() || result.chars().allMatch(c -> c == '.') ? "document" : result;
    }
}
