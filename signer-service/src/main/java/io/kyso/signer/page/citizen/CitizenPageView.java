package io.kyso.signer.page.citizen;

import io.kyso.signer.account.CitizenAccount;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CredentialState;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.web.CsrfTokens;
import io.kyso.signer.web.Forms;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageFormat;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders the citizen's own page: the login, the code, and the overview of their credentials. */
@Singleton
public class CitizenPageView {
    static final String PAGE = "me";

    private final CsrfTokens csrf;

    public CitizenPageView(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    Html.Safe login(Lang lang, String nonce, Html.Safe notice) {
        return Html.render("me-login", Map.of("heading", lang.text("me.login.heading"),
                "intro", lang.text("me.login.intro"), "notice", notice, "csrf", token("me-login", nonce),
                "lang", lang.code(), "phoneLabel", lang.text("me.login.phone"), "submit", lang.text("me.login.submit")));
    }

    Html.Safe code(Lang lang, String nonce, String phone, Html.Safe notice, boolean invalid) {
        Html.Safe form = Html.join(List.of(
                Forms.codeForm("code-form", "/me/code", token("me-code", nonce), lang,
                        Forms.codeField("otp", lang.text("me.code.label"), invalid), lang.text("me.code.submit")),
                Forms.button("/me/resend", token("me-resend", nonce), lang, lang.text("resend"), "secondary", "resend-button"),
                Forms.button("/me/logout", token("me-logout", nonce), lang, lang.text("me.restart"), "secondary",
                        "restart-button")));
        return Html.render("me-code", Map.of("heading", lang.text("me.login.heading"),
                "intro", lang.text("me.code.intro", PageFormat.maskedPhone(phone)), "notice", notice, "form", form));
    }

    Html.Safe overview(Lang lang, String nonce, CitizenAccount.Overview overview, Html.Safe notice, boolean invalid) {
        List<Html.Safe> credentials = new ArrayList<>();
        for (CitizenAccount.Credential credential : overview.credentials()) {
            credentials.add(credential(lang, nonce, credential));
        }
        Map<String, Object> v = new HashMap<>();
        v.put("heading", lang.text("me.heading"));
        v.put("intro", lang.text(overview.credentials().isEmpty() ? "me.none" : "me.intro",
                PageFormat.maskedPhone(overview.phone())));
        v.put("notice", notice);
        v.put("credentials", Html.join(credentials));
        v.put("factorsHeading", lang.text("me.factors.heading"));
        v.put("factorsHint", lang.text("me.factors.hint"));
        v.put("factorForms", factorForms(lang, nonce, overview, invalid));
        v.put("logout", Forms.button("/me/logout", token("me-logout", nonce), lang, lang.text("me.logout"), "secondary",
                "logout-button"));
        return Html.render("me-overview", v);
    }

    private Html.Safe credential(Lang lang, String nonce, CitizenAccount.Credential credential) {
        Citizen c = credential.citizen();
        Map<String, Object> v = new HashMap<>();
        v.put("id", c.id().toString());
        v.put("heading", lang.text("me.credential.heading", credential.portalName()));
        v.put("stateLabel", lang.text("me.state"));
        v.put("state", lang.text("me.state." + credential.state().name()));
        v.put("enrolledLabel", lang.text("me.enrolled"));
        v.put("enrolled", PageFormat.time(c.createdAt()));
        v.put("phoneLabel", lang.text("me.phone"));
        v.put("phone", PageFormat.maskedPhone(c.phone()));
        v.put("emailLabel", lang.text("me.email"));
        v.put("email", c.email() == null ? lang.text("me.none.value") : PageFormat.maskedEmail(c.email())
                + (c.emailVerified() ? "" : " (" + lang.text("me.email.unproven") + ")"));
        v.put("appLabel", lang.text("me.app"));
        v.put("app", lang.text(c.totpEnrolled() ? "me.yes" : "me.no"));
        v.put("channelLabel", lang.text("me.channel"));
        v.put("channel", lang.text("me.channel." + c.otpChannel().name()));
        v.put("historyHeading", lang.text("me.history.heading"));
        v.put("history", history(lang, credential));
        v.put("suspend", credential.state() == CredentialState.REVOKED ? Html.Safe.EMPTY
                : Html.join(List.of(Html.render("notice", Map.of("kind", "info", "role", "status",
                        "message", lang.text("me.suspend.hint"))),
                Forms.button("/me/credentials/" + c.id() + "/suspension", token("me-suspend:" + c.id(), nonce), lang,
                        lang.text("me.suspend"), "danger", "suspend-" + c.id()))));
        return Html.render("me-credential", v);
    }

    private static Html.Safe history(Lang lang, CitizenAccount.Credential credential) {
        if (credential.history().isEmpty()) {
            return Html.render("notice", Map.of("kind", "info", "role", "status", "message", lang.text("me.history.empty")));
        }
        List<Html.Safe> items = new ArrayList<>();
        for (SigningRequest r : credential.history()) {
            List<Html.Safe> documents = new ArrayList<>();
            for (Document d : r.documents()) {
                documents.add(Html.render("me-document", Map.of("name", d.name(),
                        "status", lang.text("me.document." + d.status().name()))));
            }
            items.add(Html.render("me-signature", Map.of("title", r.title(), "portal", credential.portalName(),
                    "time", PageFormat.time(r.completedAt() != null ? r.completedAt() : r.createdAt()),
                    "outcome", lang.text("me.outcome." + r.status().name()), "reference", r.reference(),
                    "documents", Html.join(documents))));
        }
        return new Html.Safe("<ul class=\"docs signatures\">" + Html.join(items).html() + "</ul>");
    }

    private Html.Safe factorForms(Lang lang, String nonce, CitizenAccount.Overview overview, boolean invalid) {
        List<Html.Safe> forms = new ArrayList<>();
        for (CitizenAccount.PendingChange pending : overview.pending()) {
            boolean phone = pending.channel() == OtpChannel.SMS;
            String target = phone ? PageFormat.maskedPhone(pending.address()) : PageFormat.maskedEmail(pending.address());
            forms.add(Forms.codeForm(phone ? "phone-code-form" : "email-code-form", phone ? "/me/phone/code" : "/me/email/code",
                    token(phone ? "me-phone-code" : "me-email-code", nonce), lang,
                    Forms.codeField(phone ? "phone-otp" : "email-otp", "otp", lang.text("me.verify.label", target), invalid),
                    lang.text("me.verify.submit")));
        }
        forms.add(field(lang, "phone-form", "/me/phone", token("me-phone", nonce), "phone", "tel",
                lang.text("me.phone.new"), lang.text("me.send.code")));
        forms.add(field(lang, "email-form", "/me/email", token("me-email", nonce), "email", "email",
                lang.text("me.email.new"), lang.text("me.send.code")));
        return Html.join(forms);
    }

    private static Html.Safe field(Lang lang, String formId, String action, String csrf, String name, String type,
                                   String label, String submit) {
        return Html.render("me-field-form", Map.of("formId", formId, "action", action, "csrf", csrf, "lang", lang.code(),
                "name", name, "type", type, "label", label, "submit", submit));
    }

    String token(String purpose, String nonce) {
        return csrf.formToken(purpose, PAGE, nonce);
    }
}
