package io.kyso.signer.testing;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Pages built to make a preview expensive, each a valid PDF a portal could upload (they pass the
 * structure check): a page of 10 x 30,000 pt, an image declaring 30,000 x 30,000 pixels, a string
 * larger than a preview process's heap, a page of a million drawing operations,
 * and a page whose single shading operation evaluates a long function at every pixel.
 */
public final class PathologicalPdfs {
    private PathologicalPdfs() {
    }

    /** 10 pt wide, 30,000 pt tall: drawn at 480 px wide it would be 1.4 million pixels tall. */
    public static byte[] tallPage() {
        return page(new PDRectangle(10, 30_000), "0 0 1 rg 0 0 10 30000 re f", resources -> { });
    }

    /** Draws an image that declares 30,000 x 30,000 grey pixels (900 million; its data is a few bytes). */
    public static byte[] hugeImage() {
        return page(PDRectangle.A4, "q 500 0 0 700 40 70 cm /Im0 Do Q",
                resources -> resources.setItem(COSName.getPDFName("Im0"), image(30_000, 30_000, 1, 1 << 10)));
    }

    /**
     * One text operation whose string is 200 million bytes long (200 KB deflated): whoever parses the
     * page holds the string whole, more than a small heap has.
     */
    public static byte[] stringLargerThanAPreviewHeap() {
        return page(PDRectangle.A4, out -> {
            out.write("BT /F1 12 Tf 20 100 Td (".getBytes(StandardCharsets.US_ASCII));
            byte[] letters = new byte[1 << 16];
            java.util.Arrays.fill(letters, (byte) 'a');
            for (int i = 0; i < 200_000_000 / letters.length; i++) {
                out.write(letters);
            }
            out.write(") Tj ET".getBytes(StandardCharsets.US_ASCII));
        }, resources -> { }, COSName.XOBJECT);
    }

    /** A million filled rectangles, one drawing operation each. */
    public static byte[] millionOperations() {
        StringBuilder content = new StringBuilder(13_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            content.append(i % 500).append(' ').append(i / 2000).append(" 1 1 re f\n");
        }
        return page(PDRectangle.A4, content.toString(), resources -> { });
    }

    /**
     * One "sh" operation: a function-based shading over the whole page whose PostScript function
     * runs tens of thousands of operations at each pixel. No operator boundary to stop at.
     */
    public static byte[] slowShading() {
        StringBuilder program = new StringBuilder("{ ");
        for (int i = 0; i < 20_000; i++) {
            program.append("dup mul sqrt ");
        }
        program.append("pop pop 0.5 0.5 0.5 }");
        return page(PDRectangle.A4, "/Sh0 sh", resources -> {
            COSStream function = stream(program.toString().getBytes(StandardCharsets.US_ASCII));
            function.setInt(COSName.FUNCTION_TYPE, 4);
            function.setItem(COSName.DOMAIN, numbers(0, 1, 0, 1));
            function.setItem(COSName.RANGE, numbers(0, 1, 0, 1, 0, 1));
            COSDictionary shading = new COSDictionary();
            shading.setInt(COSName.SHADING_TYPE, 1);
            shading.setItem(COSName.COLORSPACE, COSName.DEVICERGB);
            shading.setItem(COSName.DOMAIN, numbers(0, 1, 0, 1));
            shading.setItem(COSName.MATRIX, numbers(600, 0, 0, 850, 0, 0));
            shading.setItem(COSName.FUNCTION, function);
            resources.setItem(COSName.getPDFName("Sh0"), shading);
        }, COSName.SHADING);
    }

    private static byte[] page(PDRectangle size, String content, Consumer<COSDictionary> resourceEntries) {
        return page(size, content, resourceEntries, COSName.XOBJECT);
    }

    private static byte[] page(PDRectangle size, String content, Consumer<COSDictionary> resourceEntries,
                               COSName category) {
        return page(size, out -> out.write(content.getBytes(StandardCharsets.US_ASCII)), resourceEntries, category);
    }

    /** Writes a page's content (it is deflated on the way). */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static byte[] page(PDRectangle size, Content content, Consumer<COSDictionary> resourceEntries,
                               COSName category) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(size);
            document.addPage(page);
            COSDictionary entries = new COSDictionary();
            resourceEntries.accept(entries);
            PDResources resources = new PDResources();
            resources.getCOSObject().setItem(category, entries);
            page.setResources(resources);
            PDStream contents = new PDStream(document);
            try (OutputStream out = contents.createOutputStream(COSName.FLATE_DECODE)) {
                content.writeTo(out);
            }
            page.setContents(contents);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image XObject of {@code width} x {@code height} whose data is {@code zeros} zero bytes, deflated. */
    private static COSStream image(int width, int height, int components, long zeros) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] block = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        COSStream image = stream(deflated.toByteArray());
        image.setItem(COSName.TYPE, COSName.XOBJECT);
        image.setItem(COSName.SUBTYPE, COSName.IMAGE);
        image.setInt(COSName.WIDTH, width);
        image.setInt(COSName.HEIGHT, height);
        image.setInt(COSName.BITS_PER_COMPONENT, 8);
        image.setItem(COSName.COLORSPACE, components == 1 ? COSName.DEVICEGRAY : COSName.DEVICERGB);
        image.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return image;
    }

    /** A stream holding exactly {@code encoded} (already in the form its /Filter says, if any). */
    private static COSStream stream(byte[] encoded) {
        COSStream stream = new COSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream;
    }

    private static COSArray numbers(float... values) {
        COSArray array = new COSArray();
        for (float v : values) {
            array.add(v == Math.rint(v) ? COSInteger.get((long) v) : new COSFloat(v));
        }
        return array;
    }
}
