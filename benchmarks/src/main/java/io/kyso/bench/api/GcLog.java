package io.kyso.bench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures from a unified GC log ({@code -Xlog:gc:file=…}): each collection logs
 * {@code before->after(capacity)}. The highest "after" is the largest set of live objects the
 * service held, which is what a document held whole in memory would show; the highest "before" is
 * bounded by -Xmx and says only that the heap was used.
 */
public record GcLog(long maxBeforeBytes, long maxAfterBytes, int collections, boolean fullCollection) {
    private static final Pattern PAUSE = Pattern.compile("Pause (Young|Full|Remark|Cleanup).*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    public static GcLog parse(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static GcLog parse(List<String> lines) {
        long before = 0;
        long after = 0;
        int count = 0;
        boolean full = false;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                count++;
                full |= m.group(1).equals("Full");
                before = Math.max(before, bytes(m.group(2), m.group(3)));
                after = Math.max(after, bytes(m.group(4), m.group(5)));
            }
        }
        return new GcLog(before, after, count, full);
    }

    private static long bytes(String value, String unit) {
        long n = Long.parseLong(value);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
