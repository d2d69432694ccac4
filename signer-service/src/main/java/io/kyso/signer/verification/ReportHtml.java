package io.kyso.signer.verification;

import io.kyso.signer.verification.ReportLines.Line;
import io.kyso.signer.web.Html;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The report as a page to read: the dossier's verdict in a green (valid) or red (anything else)
 * banner at the top, then each file and each signature. Self-contained (inline style, no script, no
 * external resource); every value from a document or certificate is HTML-escaped.
 */
final class ReportHtml {
    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
            .verdict{padding:1rem 1.25rem;border-radius:.4rem;color:#fff;font-size:1.1rem}
            .verdict strong{display:block;font-size:1.8rem;letter-spacing:.05em}
            .VALID{background:#1e7b34}.INVALID,.INDETERMINATE{background:#b3261e}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
            th{text-align:left;width:14rem;vertical-align:top;color:#444;font-weight:600}
            th,td{padding:.3rem .5rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
            .file{margin-top:2rem}.signature{margin-left:1rem}
            .tag{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;color:#fff;font-size:.9rem}
            footer{margin-top:2rem;color:#555;font-size:.9rem}
            """;

    private ReportHtml() {
    }

    static String render(UUID id, DossierReport report, Locale locale) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(locale.getLanguage()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(ReportLines.text("label.title", locale))).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(esc(ReportLines.text("label.title", locale))).append("</h1>\n");
        html.append("<div class=\"verdict ").append(report.verdict().name()).append("\" role=\"status\"><strong>")
                .append(esc(ReportLines.verdict(report.verdict(), locale))).append("</strong>")
                .append(esc(report.reason().text(locale))).append("</div>\n");
        table(html, ReportLines.header(id, report, locale));
        for (FileReport file : report.files()) {
            file(html, file, locale);
        }
        html.append("<footer>").append(esc(ReportLines.text("label.footer", locale))).append("</footer>\n</body></html>\n");
        return html.toString();
    }

    private static void file(StringBuilder html, FileReport file, Locale locale) {
        html.append("<section class=\"file\"><h2>").append(esc(ReportLines.text("label.file", locale))).append(' ')
                .append(file.index() + 1).append(": ").append(esc(file.name())).append(' ')
                .append(tag(file.verdict(), ReportLines.status(file.status(), locale))).append("</h2>\n");
        table(html, ReportLines.file(file, locale));
        int n = 1;
        for (SignatureReport signature : file.signatures()) {
            html.append("<div class=\"signature\"><h3>").append(esc(ReportLines.text("label.signature", locale)))
                    .append(' ').append(n++).append(' ')
                    .append(tag(signature.result(), ReportLines.verdict(signature.result(), locale))).append("</h3>\n");
            table(html, ReportLines.signature(signature, locale));
            list(html, ReportLines.text("label.errors", locale), signature.errors());
            list(html, ReportLines.text("label.warnings", locale), signature.warnings());
            html.append("</div>\n");
        }
        html.append("</section>\n");
    }

    private static String tag(Verdict verdict, String text) {
        return "<span class=\"tag " + verdict.name() + "\">" + esc(text) + "</span>";
    }

    private static void table(StringBuilder html, List<Line> lines) {
        html.append("<table>");
        for (Line line : lines) {
            html.append("<tr><th>").append(esc(line.label())).append("</th><td>").append(esc(line.value()))
                    .append("</td></tr>");
        }
        html.append("</table>\n");
    }

    private static void list(StringBuilder html, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<p>").append(esc(title)).append(":</p><ul>");
        items.forEach(item -> html.append("<li>").append(esc(item)).append("</li>"));
        html.append("</ul>\n");
    }

    /** Text for HTML content and attribute values: the pages' one escaper. */
    static String esc(String text) {
        return Html.escape(text == null ? "" : text).html();
    }
}
