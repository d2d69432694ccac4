package io.kyso.signer.support;

import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.font.PdfFontFactory.EmbeddingStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans (licence beside it in {@code fonts/}), the font of every PDF Kyso draws (visible
 * signatures, verification reports): it covers Vietnamese. The program is read once per process;
 * each {@link #newFont()} is embedded as a subset with Identity-H and a ToUnicode map, so that text
 * extraction gives back what was written. Thread-safe.
 */
public final class EmbeddedFont {
    static final String FONT_RESOURCE = "/fonts/DejaVuSans.ttf";
    private static byte[] fontProgram;

    private EmbeddedFont() {
    }

    /** A new font for one document (iText fonts belong to the document they are used in). */
    public static PdfFont newFont() {
        try {
            return PdfFontFactory.createFont(fontProgram(), PdfEncodings.IDENTITY_H, EmbeddingStrategy.PREFER_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the font " + FONT_RESOURCE, e);
        }
    }

    /** Fails now if the font is missing from the class path. */
    public static void requirePresent() {
        fontProgram();
    }

    private static synchronized byte[] fontProgram() {
        if (fontProgram == null) {
            try (InputStream in = EmbeddedFont.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the font " + FONT_RESOURCE + " is not on the class path");
                }
                fontProgram = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the font " + FONT_RESOURCE, e);
            }
        }
        return fontProgram;
    }
}
