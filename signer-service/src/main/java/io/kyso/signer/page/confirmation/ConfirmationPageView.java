package io.kyso.signer.page.confirmation;

import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.DocumentStatus;
import io.kyso.signer.request.RequestStatus;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageFormat;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Renders the confirmation page's content: the dossier awaiting the citizen, or how it ended. */
@Singleton
public class ConfirmationPageView {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationPageView.class);
    /** A4's proportions: the preview's box before the image arrives, so the page does not jump. */
    private static final int PREVIEW_HEIGHT = Math.round(DocumentPreviews.PREVIEW_WIDTH_PX * 297f / 210f);

    private final DocumentPreviews previews;

    public ConfirmationPageView(DocumentPreviews previews) {
        this.previews = previews;
    }

    /**
     * The page's forms, each with its CSRF field.
     *
     * @param resendCsrf null when the citizen uses an app and there is nothing to resend
     */
    public record Forms(String base, String confirmCsrf, String rejectCsrf, @Nullable String resendCsrf) {
    }

    /** The dossier awaiting confirmation, with an optional notice and the code field marked invalid. */
    public Html.Safe awaiting(Lang lang, String portalName, SigningRequest request, Citizen citizen, Forms forms,
                              Html.Safe notice, boolean codeInvalid, Set<UUID> unticked) {
        int total = request.documents().size();
        Map<String, Object> v = new HashMap<>();
        v.put("portal", portalName);
        v.put("title", request.title());
        v.put("referenceLabel", lang.text("reference"));
        v.put("reference", request.reference());
        v.put("expiresLabel", lang.text("expires"));
        v.put("expires", PageFormat.time(request.expiresAt()));
        v.put("notice", notice);
        v.put("action", forms.base() + "/confirmation");
        v.put("csrf", forms.confirmCsrf());
        v.put("binding", request.bindingDigest());
        v.put("lang", lang.code());
        v.put("documentsHeading", lang.text("documents.heading", total));
        v.put("documentsHint", lang.text("documents.hint"));
        v.put("documents", Html.join(request.documents().stream()
                .map(d -> document(lang, forms.base(), d, !unticked.contains(d.id()))).toList()));
        v.put("codeLabel", codeLabel(lang, citizen));
        v.put("codeHelp", lang.text("code.help"));
        v.put("invalid", codeInvalid ? new Html.Safe(" aria-invalid=\"true\"") : Html.Safe.EMPTY);
        v.put("total", total);
        v.put("confirmAll", lang.text("confirm.all"));
        v.put("confirmSome", lang.text("confirm.some"));
        v.put("confirmNone", lang.text("confirm.none"));
        v.put("resendForm", forms.resendCsrf() == null ? Html.Safe.EMPTY : Html.render("resend", Map.of(
                "action", forms.base() + "/resend", "csrf", forms.resendCsrf(), "lang", lang.code(),
                "label", lang.text("resend"))));
        v.put("rejectAction", forms.base() + "/rejection");
        v.put("rejectCsrf", forms.rejectCsrf());
        v.put("rejectLabel", lang.text("reject"));
        return Html.render("confirm", v);
    }

    private static String codeLabel(Lang lang, Citizen citizen) {
        if (citizen.otpChannel() == OtpChannel.APP && citizen.totpEnrolled()) {
            return lang.text("code.label.app");
        }
        return citizen.otpChannel() == OtpChannel.EMAIL
                ? lang.text("code.label.email", PageFormat.maskedEmail(citizen.email()))
                : lang.text("code.label.sms", PageFormat.maskedPhone(citizen.phone()));
    }

    private Html.Safe document(Lang lang, String base, Document doc, boolean ticked) {
        Map<String, Object> v = new HashMap<>();
        v.put("id", doc.id());
        v.put("checked", ticked ? new Html.Safe(" checked") : Html.Safe.EMPTY);
        v.put("name", doc.name());
        v.put("approveLabel", lang.text("document.approve"));
        v.put("pagesLabel", lang.text("document.pages"));
        v.put("pages", doc.pages() == null ? "–" : doc.pages());
        v.put("sizeLabel", lang.text("document.size"));
        v.put("size", PageFormat.size(doc.size(), lang));
        v.put("digestLabel", lang.text("document.digest"));
        v.put("digest", PageFormat.digestPrefix(doc.sha256()));
        v.put("preview", preview(lang, base, doc));
        return Html.render("document", v);
    }

    private Html.Safe preview(Lang lang, String base, Document doc) {
        if ("application/pdf".equals(doc.contentType())) {
            return Html.render("preview-pdf", Map.of("src", base + "/documents/" + doc.id() + "/preview.png",
                    "alt", lang.text("document.preview", doc.name()),
                    "width", DocumentPreviews.PREVIEW_WIDTH_PX, "height", PREVIEW_HEIGHT));
        }
        try {
            XmlExcerpt.Excerpt excerpt = previews.xmlExcerpt(doc);
            return Html.render("preview-xml", Map.of("rootLabel", lang.text("document.xml.root"),
                    "root", excerpt.root(), "excerptLabel", lang.text("document.xml.excerpt"),
                    "excerpt", String.join("\n", excerpt.lines())));
        } catch (IOException e) {
            LOG.warn("No excerpt for document {}", doc.id(), e);
            return Html.Safe.EMPTY;
        }
    }

    /** How the request ended (or that it is being signed), with what was signed and what was not. */
    public Html.Safe result(Lang lang, String portalName, SigningRequest request) {
        String kind = resultKind(request.status());
        List<Document> signed = request.documents().stream().filter(d -> d.status() == DocumentStatus.SIGNED).toList();
        List<Document> rejected = request.status() == RequestStatus.PARTIALLY_SIGNED
                ? request.documents().stream().filter(d -> d.status() == DocumentStatus.REJECTED).toList() : List.of();
        Html.Safe lists = Html.join(List.of(list(lang.text("result.signed.list"), "signed", signed, true),
                list(lang.text("result.rejected.list"), "rejected", rejected, false)));
        return Html.render("result", Map.of("kind", kind, "portal", portalName,
                "heading", lang.text("result." + kind + ".heading"), "message", lang.text("result." + kind + ".message"),
                "dossierLabel", lang.text("dossier.title"), "title", request.title(),
                "referenceLabel", lang.text("reference"), "reference", request.reference(), "lists", lists));
    }

    private static String resultKind(RequestStatus status) {
        return switch (status) {
            case SIGNED -> "signed";
            case PARTIALLY_SIGNED -> "partial";
            case REJECTED -> "rejected";
            case EXPIRED -> "expired";
            case LOCKED -> "locked";
            case FAILED -> "failed";
            case SIGNING, AWAITING_CONFIRMATION -> "signing";
        };
    }

    private static Html.Safe list(String heading, String kind, List<Document> docs, boolean signedDigest) {
        if (docs.isEmpty()) {
            return Html.Safe.EMPTY;
        }
        Html.Safe items = Html.join(docs.stream().map(d -> Html.render("result-item", Map.of("name", d.name(),
                "digest", PageFormat.digestPrefix(signedDigest ? d.signedSha256() : d.sha256())))).toList());
        return Html.render("result-list", Map.of("heading", heading, "kind", kind, "items", items));
    }
}
