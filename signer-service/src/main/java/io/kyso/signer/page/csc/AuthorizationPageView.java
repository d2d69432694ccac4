package io.kyso.signer.page.csc;

import io.kyso.signer.csc.AuthorizedHash;
import io.kyso.signer.csc.AuthorizationStatus;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.csc.oauth.CitizenConfirmation;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageFormat;
import io.kyso.signer.web.Pages;

import java.util.HashMap;
import java.util.Map;

/** Renders the CSC authorization page: what the portal asks to sign, the code field, or how it ended. */
final class AuthorizationPageView {
    private AuthorizationPageView() {
    }

    /** The forms' actions and CSRF fields; {@code resendCsrf} is null when the citizen uses an app. */
    record Forms(String base, String confirmCsrf, String rejectCsrf, String resendCsrf) {
    }

    static Html.Safe awaiting(Lang lang, CitizenConfirmation.Opened opened, Forms forms, Html.Safe notice,
                              boolean codeInvalid) {
        CredentialAuthorization a = opened.authorization();
        Map<String, Object> v = new HashMap<>();
        v.put("portal", opened.portal().name());
        v.put("title", a.description() != null ? a.description() : lang.text("csc.title.default", a.hashes().size()));
        v.put("referenceLabel", lang.text("reference"));
        v.put("reference", a.reference());
        v.put("expiresLabel", lang.text("expires"));
        v.put("expires", PageFormat.time(a.expiresAt()));
        v.put("signerLabel", lang.text("csc.signer"));
        v.put("signer", opened.citizen().fullName());
        v.put("notice", notice);
        v.put("action", forms.base() + "/confirmation");
        v.put("csrf", forms.confirmCsrf());
        v.put("binding", a.bindingDigest());
        v.put("lang", lang.code());
        v.put("documentsHeading", lang.text("csc.documents.heading", a.hashes().size()));
        v.put("documentsHint", lang.text("csc.documents.hint"));
        v.put("hashes", Html.join(a.hashes().stream().map(h -> hash(lang, a, h)).toList()));
        v.put("codeLabel", codeLabel(lang, opened));
        v.put("codeHelp", lang.text("code.help"));
        v.put("invalid", codeInvalid ? new Html.Safe(" aria-invalid=\"true\"") : Html.Safe.EMPTY);
        v.put("confirmLabel", lang.text("csc.confirm"));
        v.put("resendForm", forms.resendCsrf() == null ? Html.Safe.EMPTY : Html.render("resend", Map.of(
                "action", forms.base() + "/resend", "csrf", forms.resendCsrf(), "lang", lang.code(),
                "label", lang.text("resend"))));
        v.put("rejectAction", forms.base() + "/rejection");
        v.put("rejectCsrf", forms.rejectCsrf());
        v.put("rejectLabel", lang.text("csc.reject"));
        return Html.render("csc-authorize", v);
    }

    /** How an authorization that no longer awaits the citizen ended. */
    static Html.Safe result(Lang lang, CredentialAuthorization a) {
        String kind = switch (a.status()) {
            case CONFIRMED, EXCHANGED -> "confirmed";
            case REJECTED -> "rejected";
            case LOCKED -> "locked";
            case EXPIRED, PUSHED, AWAITING_CONFIRMATION -> "expired";
        };
        return Pages.message(a.status() == AuthorizationStatus.REJECTED ? "rejected" : kind,
                lang.text("csc.result." + kind + ".heading"), lang.text("csc.result." + kind + ".message"));
    }

    private static Html.Safe hash(Lang lang, CredentialAuthorization a, AuthorizedHash hash) {
        String label = hash.label() != null ? hash.label() : lang.text("csc.hash.unnamed", hash.position() + 1);
        return Html.render("csc-hash", Map.of("position", hash.position(), "label", label,
                "digestLabel", lang.text("csc.hash.digest", a.hashAlgorithm().jcaName()),
                "digest", PageFormat.digestPrefix(hash.digestHex())));
    }

    private static String codeLabel(Lang lang, CitizenConfirmation.Opened opened) {
        if (opened.usesApp()) {
            return lang.text("code.label.app");
        }
        return opened.citizen().otpChannel() == OtpChannel.EMAIL
                ? lang.text("code.label.email", PageFormat.maskedEmail(opened.citizen().email()))
                : lang.text("code.label.sms", PageFormat.maskedPhone(opened.citizen().phone()));
    }
}
