package io.kyso.signer.signing.appearance;

import com.itextpdf.kernel.font.PdfFont;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the largest font size at which some lines, wrapped at spaces, fit a box. The wrapping is
 * done here rather than left to the layout engine so that the size is chosen knowing the wrapped
 * height, and a long reason shrinks the text instead of running out of the box.
 */
final class TextFitter {
    static final float MAX_FONT_SIZE = 10;
    static final float MIN_FONT_SIZE = 4;
    private static final float STEP = 0.25f;
    private static final String ELLIPSIS = "…";

    private TextFitter() {
    }

    /** The chosen size and the lines as wrapped at that size. */
    record Fitted(float fontSize, List<String> lines) {
    }

    /**
     * Tries sizes from {@link #MAX_FONT_SIZE} down. If even the smallest does not fit (a box too small
     * for its text), the lines that fit are kept and the last one ends with an ellipsis: the signature
     * itself is valid either way, a signature refused after the citizen's confirmation would not be,
     * and the layout engine, left to overflow, logs errors and draws half-lines. Intake sets the
     * smallest box.
     */
    static Fitted fit(PdfFont font, List<String> lines, float width, float height, float leading) {
        for (float size = MAX_FONT_SIZE; size > MIN_FONT_SIZE; size -= STEP) {
            List<String> wrapped = wrap(font, size, lines, width);
            if (wrapped.size() * size * leading <= height) {
                return new Fitted(size, wrapped);
            }
        }
        List<String> wrapped = wrap(font, MIN_FONT_SIZE, lines, width);
        int room = (int) Math.max(0, Math.floor(height / (MIN_FONT_SIZE * leading)));
        if (wrapped.size() <= room) {
            return new Fitted(MIN_FONT_SIZE, wrapped);
        }
        List<String> kept = new ArrayList<>(wrapped.subList(0, room));
        if (!kept.isEmpty()) {
            kept.set(room - 1, withEllipsis(font, MIN_FONT_SIZE, kept.get(room - 1), width));
        }
        return new Fitted(MIN_FONT_SIZE, kept);
    }

    private static String withEllipsis(PdfFont font, float size, String line, float width) {
        String text = line;
        while (!text.isEmpty() && font.getWidth(text + ELLIPSIS, size) > width) {
            text = text.substring(0, text.offsetByCodePoints(text.length(), -1));
        }
        return text + ELLIPSIS;
    }

    static List<String> wrap(PdfFont font, float size, List<String> lines, float width) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapLine(font, size, line, width, wrapped);
        }
        return wrapped;
    }

    private static void wrapLine(PdfFont font, float size, String line, float width, List<String> out) {
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" +")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (font.getWidth(candidate, size) <= width) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                out.add(current.toString());
                current.setLength(0);
            }
            current.append(breakLongWord(font, size, word, width, out));
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
    }

    /** Splits a word wider than the box between code points; returns the part that starts the next line. */
    private static String breakLongWord(PdfFont font, float size, String word, float width, List<String> out) {
        String rest = word;
        while (font.getWidth(rest, size) > width) {
            int end = rest.offsetByCodePoints(0, 1);
            while (end < rest.length() && font.getWidth(rest.substring(0, rest.offsetByCodePoints(end, 1)), size) <= width) {
                end = rest.offsetByCodePoints(end, 1);
            }
            out.add(rest.substring(0, end));
            rest = rest.substring(end);
        }
        return rest;
    }
}
