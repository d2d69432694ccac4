package io.kyso.signer.verification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kyso.signer.verification.VerificationService.Stored;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.Messages;
import io.kyso.verification.report.ReportJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;

/**
 * The API's JSON for a verification: the engine's report (the same JSON {@code kyso-verify --json}
 * prints) with the verification's id and links to its other forms.
 */
final class ReportViews {

    private ReportViews() {
    }

    static String base(UUID id) {
        return "/api/v1/verifications/" + id;
    }

    static byte[] json(Stored stored) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("id", stored.id().toString());
        ObjectNode links = root.putObject("links");
        links.put("self", base(stored.id()));
        links.put("html", base(stored.id()) + "/report.html");
        links.put("pdf", base(stored.id()) + "/report.pdf");
        ObjectNode report = ReportJson.MAPPER.valueToTree(stored.report());
        for (int i = 0; i < stored.report().files().size(); i++) {
            FileReport file = stored.report().files().get(i);
            if (file.status() != FileReport.Status.UNREADABLE) {
                ((ObjectNode) report.get("files").get(i)).put("etsiReport",
                        base(stored.id()) + "/files/" + file.index() + "/etsi-report");
            }
        }
        root.setAll(report);
        try {
            return ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Vietnamese unless English is asked for: the service's users are Vietnamese officers. */
    static Locale locale(String lang) {
        return "en".equalsIgnoreCase(lang) ? Locale.ENGLISH : Messages.VIETNAMESE;
    }
}
