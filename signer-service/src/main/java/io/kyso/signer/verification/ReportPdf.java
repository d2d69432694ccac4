package io.kyso.signer.verification;

import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfDocumentInfo;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import io.kyso.signer.support.EmbeddedFont;
import io.kyso.signer.verification.ReportLines.Line;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.Verdict;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The report as a PDF an officer can file: the same content as {@link ReportHtml}, verdict banner
 * first, in DejaVu Sans (embedded, so Vietnamese prints and extracts correctly everywhere).
 */
final class ReportPdf {
    private static final Color GREEN = new DeviceRgb(0x1E, 0x7B, 0x34);
    private static final Color RED = new DeviceRgb(0xB3, 0x26, 0x1E);
    private static final Color LABEL = new DeviceRgb(0x44, 0x44, 0x44);

    private ReportPdf() {
    }

    static byte[] render(UUID id, DossierReport report, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out)); Document doc = new Document(pdf)) {
            PdfDocumentInfo info = pdf.getDocumentInfo();
            info.setTitle(ReportLines.text("label.title", locale) + " " + id);
            info.setCreator("Kyso");
            PdfFont font = EmbeddedFont.newFont();
            doc.setFont(font).setFontSize(9);
            doc.add(new Paragraph(ReportLines.text("label.title", locale)).setFontSize(16));
            doc.add(banner(report, locale));
            doc.add(table(ReportLines.header(id, report, locale)));
            for (FileReport file : report.files()) {
                file(doc, file, locale);
            }
            doc.add(new Paragraph(ReportLines.text("label.footer", locale)).setFontColor(LABEL).setFontSize(8));
        }
        return out.toByteArray();
    }

    private static Paragraph banner(DossierReport report, Locale locale) {
        Paragraph banner = new Paragraph().setBackgroundColor(color(report.verdict())).setFontColor(ColorConstants.WHITE)
                .setPadding(8);
        banner.add(new Paragraph(ReportLines.verdict(report.verdict(), locale)).setFontSize(18).setMargin(0));
        banner.add("\n" + report.reason().text(locale));
        return banner;
    }

    private static void file(Document doc, FileReport file, Locale locale) {
        doc.add(heading(ReportLines.text("label.file", locale) + " " + (file.index() + 1) + ": " + file.name()
                + " — " + ReportLines.status(file.status(), locale), file.verdict(), 12));
        doc.add(table(ReportLines.file(file, locale)));
        int n = 1;
        for (SignatureReport signature : file.signatures()) {
            doc.add(heading(ReportLines.text("label.signature", locale) + " " + n++ + " — "
                    + ReportLines.verdict(signature.result(), locale), signature.result(), 10));
            doc.add(table(ReportLines.signature(signature, locale)));
            list(doc, ReportLines.text("label.errors", locale), signature.errors());
            list(doc, ReportLines.text("label.warnings", locale), signature.warnings());
        }
    }

    private static Paragraph heading(String text, Verdict verdict, float size) {
        return new Paragraph(text).setFontSize(size).setFontColor(color(verdict)).setMarginTop(10).setMarginBottom(2);
    }

    private static Table table(List<Line> lines) {
        Table table = new Table(UnitValue.createPercentArray(new float[] {28, 72})).useAllAvailableWidth();
        for (Line line : lines) {
            table.addCell(new Cell().add(new Paragraph(line.label()).setFontColor(LABEL)));
            table.addCell(new Cell().add(new Paragraph(line.value())));
        }
        return table;
    }

    private static void list(Document doc, String title, List<String> items) {
        if (!items.isEmpty()) {
            doc.add(new Paragraph(title + ":\n• " + String.join("\n• ", items)).setFontSize(8));
        }
    }

    private static Color color(Verdict verdict) {
        return verdict == Verdict.VALID ? GREEN : RED;
    }
}
