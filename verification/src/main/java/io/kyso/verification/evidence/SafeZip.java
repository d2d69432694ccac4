package io.kyso.verification.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an evidence package that may be hostile: only plain relative paths (no {@code ..}, no
 * absolute or backslash paths, no duplicates), a bounded number of entries and bounded sizes
 * counted on the bytes actually inflated, so neither a path trick nor a ZIP bomb gets out.
 */
final class SafeZip {
    static final int MAX_ENTRIES = 1_000;
    static final long MAX_TOTAL_BYTES = 2L * 1024 * 1024 * 1024;

    private SafeZip() {
    }

    /** Unpacks {@code zip} into {@code into}; returns each entry's name and file, in ZIP order. */
    static Map<String, Path> unpack(Path zip, Path into) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = checkedName(entry.getName());
                if (files.containsKey(name) || files.size() >= MAX_ENTRIES) {
                    throw new IOException(files.containsKey(name) ? "the package holds " + name + " twice"
                            : "the package holds more than " + MAX_ENTRIES + " files");
                }
                Path target = into.resolve("f" + files.size());
                total += copy(in, target, MAX_TOTAL_BYTES - total);
                files.put(name, target);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("not a ZIP file, or an empty one");
        }
        return files;
    }

    private static String checkedName(String name) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || java.util.Arrays.asList(name.split("/")).contains("..")) {
            throw new IOException("the package holds a file with an unsafe path");
        }
        return name;
    }

    private static long copy(InputStream in, Path target, long budget) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > budget) {
                    throw new IOException("the package unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }
}
