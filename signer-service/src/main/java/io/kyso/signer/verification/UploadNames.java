package io.kyso.signer.verification;

/**
 * The name a file is reported (and matched to a detached signature) under: the uploader's file name
 * without any folder part or control character, or {@code file-<n>} if it gave none.
 */
final class UploadNames {
    private static final int MAX_LENGTH = 255;

    private UploadNames() {
    }

    static String clean(String raw, int index) {
        String name = raw == null ? "" : raw;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file-" + (index + 1);
        }
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }
}
