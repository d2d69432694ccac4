package io.kyso.signer.testing;

import com.itextpdf.forms.PdfAcroForm;
import com.itextpdf.forms.fields.PdfFormField;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.annot.PdfWidgetAnnotation;
import com.itextpdf.kernel.pdf.canvas.parser.PdfCanvasProcessor;
import com.itextpdf.kernel.pdf.canvas.parser.listener.LocationTextExtractionStrategy;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.signatures.PdfSignature;
import com.itextpdf.signatures.SignatureUtil;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads back what a signer put into a PDF: signature fields, their widgets and the text of their appearance. */
public final class PdfProbe {
    private PdfProbe() {
    }

    /** A signature field's widget: its page (1-based) and /Rect, with the /M, /Reason and /Location of its signature. */
    public record SignatureField(String name, int page, Rectangle rect, String date, String reason, String location) {
    }

    /** The names of the signature fields that hold a signature, in signing order. */
    public static List<String> signatureNames(byte[] pdf) {
        try (PdfDocument doc = open(pdf)) {
            return new SignatureUtil(doc).getSignatureNames();
        }
    }

    /** The one signed field whose name starts with {@code prefix}. */
    public static SignatureField signatureField(byte[] pdf, String prefix) {
        try (PdfDocument doc = open(pdf)) {
            String name = fieldName(doc, prefix);
            PdfWidgetAnnotation widget = field(doc, name).getWidgets().get(0);
            PdfSignature signature = new SignatureUtil(doc).getSignature(name);
            int page = widget.getPage() == null ? 0 : doc.getPageNumber(widget.getPage());
            return new SignatureField(name, page, widget.getRectangle().toRectangle(),
                    signature.getPdfObject().getAsString(PdfName.M).toUnicodeString(),
                    signature.getReason(), signature.getLocation());
        }
    }

    /**
     * The text of the field's normal appearance (/AP /N), line by line, as iText's location-based
     * extraction reads it through the ToUnicode maps; nested form XObjects (/FRM, /n0, /n2) are followed.
     */
    public static List<String> appearanceLines(byte[] pdf, String prefix) {
        try (PdfDocument doc = open(pdf)) {
            PdfDictionary widget = field(doc, fieldName(doc, prefix)).getWidgets().get(0).getPdfObject();
            PdfStream normal = widget.getAsDictionary(PdfName.AP).getAsStream(PdfName.N);
            PdfFormXObject form = new PdfFormXObject(normal);
            LocationTextExtractionStrategy strategy = new LocationTextExtractionStrategy();
            new PdfCanvasProcessor(strategy).processContent(form.getPdfObject().getBytes(), form.getResources());
            return strategy.getResultantText().lines().toList();
        }
    }

    /**
     * Pixels that are not white in a rectangle of a page image rendered at 72 dpi, the rectangle in
     * points from the image's lower-left corner (PDF's orientation), clipped to the image.
     */
    public static int nonWhitePixels(BufferedImage image, float x, float y, float width, float height) {
        int left = Math.max(0, Math.round(x));
        int right = Math.min(image.getWidth(), Math.round(x + width));
        int top = Math.max(0, image.getHeight() - Math.round(y + height));
        int bottom = Math.min(image.getHeight(), image.getHeight() - Math.round(y));
        int count = 0;
        for (int py = top; py < bottom; py++) {
            for (int px = left; px < right; px++) {
                if ((image.getRGB(px, py) & 0xFFFFFF) != 0xFFFFFF) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String fieldName(PdfDocument doc, String prefix) {
        List<String> names = new SignatureUtil(doc).getSignatureNames().stream().filter(n -> n.startsWith(prefix))
                .toList();
        if (names.size() != 1) {
            throw new AssertionError("expected one signature named " + prefix + "*, found " + names);
        }
        return names.get(0);
    }

    private static PdfFormField field(PdfDocument doc, String name) {
        return PdfAcroForm.getAcroForm(doc, false).getField(name);
    }

    private static PdfDocument open(byte[] pdf) {
        try {
            return new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
