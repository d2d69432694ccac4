package io.kyso.signer.page.authenticator;

import io.kyso.signer.totp.TotpService;
import io.kyso.signer.web.Forms;
import io.kyso.signer.web.PageForm;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.web.CsrfTokens;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageErrors;
import io.kyso.signer.web.PageFormat;
import io.kyso.signer.web.Pages;
import io.kyso.signer.delivery.OtpChannel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The citizen's authenticator-app enrollment page at {@code /t/{token}}, the link of an invitation
 * Kyso sent to the citizen. First it asks for the invitation's code (sent with the link, through the
 * citizen's own channel); only the browser that gave it is then shown the QR code of the
 * {@code otpauth://} URI (and the key, for typing), and a form for the app's first code, which
 * activates it. The link works once. The token, the key and the codes are never logged.
 */
@Controller("/t/{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TotpEnrollmentPageController {
    private static final String PURPOSE = "totp";
    private static final String INVITATION = "totp-invitation";
    private static final String RESEND = "totp-resend";

    private final TotpService totp;
    private final CsrfTokens csrf;

    public TotpEnrollmentPageController(TotpService totp, CsrfTokens csrf) {
        this.totp = totp;
        this.csrf = csrf;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> show(String token, HttpRequest<?> http, @Nullable @QueryValue String lang,
                                     @Nullable @QueryValue String sent) {
        Lang language = Lang.of(lang);
        Html.Safe notice = sent != null ? Pages.notice("info", language.text("notice.resent")) : Html.Safe.EMPTY;
        return page(HttpStatus.OK, language, token, http, notice, false);
    }

    /** The invitation's code: proves the citizen holds the channel the invitation went to. */
    @Post(value = "/invitation", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> prove(String token, HttpRequest<?> http, @Body PageForm body) {
        return handle(token, http, body, INVITATION, nonce -> totp.prove(token, nonce, body.otp()));
    }

    @Post(value = "/resend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> resend(String token, HttpRequest<?> http, @Body PageForm body) {
        HttpResponse<String> answer = handle(token, http, body, RESEND, nonce -> totp.resendInvitation(token));
        return answer.getStatus() == HttpStatus.SEE_OTHER
                ? Pages.seeOther("/t/" + token + "?lang=" + Lang.of(body.lang()).code() + "&sent=1") : answer;
    }

    /** The app's first code: activates the app. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> activate(String token, HttpRequest<?> http, @Body PageForm body) {
        Lang language = Lang.of(body.lang());
        if (!csrf.isValid(http, PURPOSE, token, body.csrf())) {
            return page(HttpStatus.FORBIDDEN, language, token, http,
                    Pages.notice("error", language.text("error.page.csrf_invalid")), false);
        }
        try {
            totp.activate(token, csrf.nonceOf(http).orElseThrow(), body.otp());
        } catch (KysoException e) {
            boolean wrong = ErrorCode.OTP_INVALID.code().equals(e.problem().code());
            return page(HttpStatus.valueOf(e.problem().status()), language, token, http,
                    Pages.notice("error", PageErrors.message(language, e.problem())), wrong);
        }
        return Pages.page(HttpStatus.OK, language, "totp.title", "?lang=" + language.other().code(),
                Pages.message("signed", language.text("totp.done.heading"), language.text("totp.done.message")));
    }

    @FunctionalInterface
    private interface Step {
        void run(String browserNonce);
    }

    private HttpResponse<String> handle(String token, HttpRequest<?> http, PageForm body, String purpose, Step step) {
        Lang language = Lang.of(body.lang());
        if (!csrf.isValid(http, purpose, token, body.csrf())) {
            return page(HttpStatus.FORBIDDEN, language, token, http,
                    Pages.notice("error", language.text("error.page.csrf_invalid")), false);
        }
        try {
            step.run(csrf.nonceOf(http).orElseThrow());
        } catch (KysoException e) {
            boolean wrong = ErrorCode.OTP_INVALID.code().equals(e.problem().code());
            return page(HttpStatus.valueOf(e.problem().status()), language, token, http,
                    Pages.notice("error", PageErrors.message(language, e.problem())), wrong);
        }
        return Pages.seeOther("/t/" + token + "?lang=" + language.code());
    }

    /** The invitation step, or, for the browser that passed it, the secret and the activation form. */
    private MutableHttpResponse<String> page(HttpStatus status, Lang lang, String token, HttpRequest<?> http,
                                             Html.Safe notice, boolean invalid) {
        Optional<String> cookieNonce = csrf.nonceOf(http);
        String nonce = cookieNonce.orElseGet(csrf::newNonce);
        TotpService.Invited invited;
        try {
            invited = totp.invited(token, cookieNonce.orElse(null));
        } catch (KysoException e) {
            return ended(lang, token, e);
        }
        Html.Safe content = invited.provenHere()
                ? secretStep(lang, token, nonce, totp.pending(token, nonce), notice, invited, invalid)
                : invitationStep(lang, token, nonce, invited, notice, invalid);
        MutableHttpResponse<String> response = Pages.page(status, lang, "totp.title",
                "/t/" + token + "?lang=" + lang.other().code(), content);
        return cookieNonce.isPresent() ? response : response.cookie(csrf.cookie(nonce));
    }

    private Html.Safe invitationStep(Lang lang, String token, String nonce, TotpService.Invited invited,
                                     Html.Safe notice, boolean invalid) {
        String to = invited.sentTo().channel() == OtpChannel.EMAIL ? PageFormat.maskedEmail(invited.sentTo().address())
                : PageFormat.maskedPhone(invited.sentTo().address());
        Map<String, Object> v = new HashMap<>();
        v.put("heading", lang.text("totp.heading"));
        v.put("intro", lang.text("totp.invitation.intro", to));
        v.put("accountLabel", lang.text("totp.account"));
        v.put("account", invited.citizen().fullName());
        v.put("notice", notice);
        v.put("form", Html.join(List.of(
                Forms.codeForm("invitation-form", "/t/" + token + "/invitation", csrf.formToken(INVITATION, token, nonce),
                        lang, Forms.codeField("otp", lang.text("totp.invitation.code"), invalid),
                        lang.text("totp.invitation.submit")),
                Forms.button("/t/" + token + "/resend", csrf.formToken(RESEND, token, nonce), lang, lang.text("resend"),
                        "secondary", "resend-button"))));
        return Html.render("totp-invitation", v);
    }

    private Html.Safe secretStep(Lang lang, String token, String nonce, TotpService.PendingEnrollment pending,
                                 Html.Safe notice, TotpService.Invited invited, boolean invalid) {
        Map<String, Object> v = new HashMap<>();
        v.put("heading", lang.text("totp.heading"));
        v.put("intro", lang.text("totp.intro"));
        v.put("accountLabel", lang.text("totp.account"));
        v.put("account", invited.citizen().fullName());
        v.put("notice", notice);
        v.put("step1", lang.text("totp.step1"));
        v.put("qrLabel", lang.text("totp.qr"));
        v.put("qr", QrCodes.svg(pending.otpauthUri()));
        v.put("manualLabel", lang.text("totp.manual"));
        v.put("secret", pending.secret().replaceAll("(.{4})(?!$)", "$1 "));
        v.put("action", "/t/" + token);
        v.put("csrf", csrf.formToken(PURPOSE, token, nonce));
        v.put("lang", lang.code());
        v.put("step2", lang.text("totp.step2"));
        v.put("invalid", invalid ? new Html.Safe(" aria-invalid=\"true\"") : Html.Safe.EMPTY);
        v.put("submit", lang.text("totp.submit"));
        return Html.render("totp", v);
    }

    /** A link that is unknown, used, expired or locked: say so, with nothing to fill in. */
    private static MutableHttpResponse<String> ended(Lang lang, String token, KysoException e) {
        String code = e.problem().code();
        boolean unknown = ErrorCode.PAGE_LINK_INVALID.code().equals(code);
        String message = unknown ? lang.text("invalid.message") : PageErrors.message(lang, e.problem());
        return Pages.page(HttpStatus.valueOf(e.problem().status()), lang, "totp.title",
                "/t/" + token + "?lang=" + lang.other().code(),
                Pages.message("invalid", lang.text(unknown ? "invalid.heading" : "totp.heading"), message));
    }
}
