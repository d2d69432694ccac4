package io.kyso.signer.page.authenticator;

import io.kyso.signer.totp.TotpService;
import io.kyso.signer.web.PageForm;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.web.CsrfTokens;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageErrors;
import io.kyso.signer.web.Pages;
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
import java.util.Map;
import java.util.Optional;

/**
 * The citizen's authenticator-app enrollment page at {@code /t/{token}}: a QR code of the
 * {@code otpauth://} URI (and the key, for typing), and a form for the app's first code, which
 * activates it. The link works once. The token, the key and the codes are never logged.
 */
@Controller("/t/{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TotpEnrollmentPageController {
    private static final String PURPOSE = "totp";

    private final TotpService totp;
    private final CsrfTokens csrf;

    public TotpEnrollmentPageController(TotpService totp, CsrfTokens csrf) {
        this.totp = totp;
        this.csrf = csrf;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> show(String token, HttpRequest<?> http, @Nullable @QueryValue String lang) {
        Lang language = Lang.of(lang);
        try {
            return form(HttpStatus.OK, language, token, http, totp.pending(token), Html.Safe.EMPTY, false);
        } catch (KysoException e) {
            return ended(language, token, e);
        }
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> activate(String token, HttpRequest<?> http, @Body PageForm body) {
        Lang language = Lang.of(body.lang());
        TotpService.PendingEnrollment pending;
        try {
            pending = totp.pending(token);
        } catch (KysoException e) {
            return ended(language, token, e);
        }
        if (!csrf.isValid(http, PURPOSE, token, body.csrf())) {
            return form(HttpStatus.FORBIDDEN, language, token, http, pending,
                    Pages.notice("error", language.text("error.page.csrf_invalid")), false);
        }
        try {
            totp.activate(token, body.otp());
        } catch (KysoException e) {
            if (!ErrorCode.OTP_INVALID.code().equals(e.problem().code())) {
                return ended(language, token, e);
            }
            return form(HttpStatus.BAD_REQUEST, language, token, http, pending,
                    Pages.notice("error", PageErrors.message(language, e.problem())), true);
        }
        return Pages.page(HttpStatus.OK, language, "totp.title", "?lang=" + language.other().code(),
                Pages.message("signed", language.text("totp.done.heading"), language.text("totp.done.message")));
    }

    private MutableHttpResponse<String> form(HttpStatus status, Lang lang, String token, HttpRequest<?> http,
                                             TotpService.PendingEnrollment pending, Html.Safe notice, boolean invalid) {
        Optional<String> cookieNonce = csrf.nonceOf(http);
        String nonce = cookieNonce.orElseGet(csrf::newNonce);
        Map<String, Object> v = new HashMap<>();
        v.put("heading", lang.text("totp.heading"));
        v.put("intro", lang.text("totp.intro"));
        v.put("accountLabel", lang.text("totp.account"));
        v.put("account", pending.citizen().fullName());
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
        MutableHttpResponse<String> response = Pages.page(status, lang, "totp.title",
                "/t/" + token + "?lang=" + lang.other().code(), Html.render("totp", v));
        return cookieNonce.isPresent() ? response : response.cookie(csrf.cookie(nonce));
    }

    /** A link that is unknown, used, expired or locked: say so, with nothing to fill in. */
    private static HttpResponse<String> ended(Lang lang, String token, KysoException e) {
        String code = e.problem().code();
        boolean unknown = ErrorCode.PAGE_LINK_INVALID.code().equals(code);
        String message = unknown ? lang.text("invalid.message") : PageErrors.message(lang, e.problem());
        return Pages.page(HttpStatus.valueOf(e.problem().status()), lang, "totp.title",
                "/t/" + token + "?lang=" + lang.other().code(),
                Pages.message("invalid", lang.text(unknown ? "invalid.heading" : "totp.heading"), message));
    }
}
