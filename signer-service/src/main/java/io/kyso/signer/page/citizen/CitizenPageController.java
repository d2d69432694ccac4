package io.kyso.signer.page.citizen;

import io.kyso.signer.account.CitizenAccount;
import io.kyso.signer.account.CitizenSession;
import io.kyso.signer.account.CitizenSessions;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.support.PublicAddress;
import io.kyso.signer.web.CsrfTokens;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageErrors;
import io.kyso.signer.web.PageForm;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;
import java.util.UUID;

/**
 * The citizen's own page, {@code /me}: a login with a code sent to their phone, then every
 * credential enrolled with that phone, everything ever asked of each key, its factors, a button
 * that suspends it at once, and forms to change the phone or the email (each proven by a code sent
 * to the new one). No portal is involved, and nothing here is reachable with an API key. The
 * session is a {@code SameSite=Strict}, {@code HttpOnly} cookie limited to {@code /me}; every form
 * carries a CSRF token.
 */
@Controller("/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CitizenPageController {
    static final String SESSION_COOKIE = "kyso_me";

    private final CitizenSessions sessions;
    private final CitizenAccount account;
    private final CitizenPageView view;
    private final CsrfTokens csrf;
    private final boolean secureCookie;

    public CitizenPageController(CitizenSessions sessions, CitizenAccount account, CitizenPageView view,
                                 CsrfTokens csrf, PublicAddress address) {
        this.sessions = sessions;
        this.account = account;
        this.view = view;
        this.csrf = csrf;
        this.secureCookie = address.isHttps();
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> show(HttpRequest<?> http, @Nullable @QueryValue String lang,
                                     @Nullable @QueryValue String done) {
        Lang language = Lang.of(lang);
        Html.Safe notice = done != null && language.has("me.done." + done)
                ? Pages.notice("info", language.text("me.done." + done)) : Html.Safe.EMPTY;
        return page(HttpStatus.OK, language, http, notice, false);
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> login(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-login", () -> {
            String cookie = sessions.start(form.phone());
            return Pages.seeOther("/me?lang=" + Lang.of(form.lang()).code()).cookie(sessionCookie(cookie));
        });
    }

    @Post(value = "/code", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> code(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-code", () -> {
            sessions.verify(cookie(http), form.otp());
            return back(form, null);
        });
    }

    @Post(value = "/resend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> resend(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-resend", () -> {
            sessions.resend(cookie(http));
            return back(form, "resent");
        });
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> logout(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-logout", () -> {
            sessions.logout(cookie(http));
            return back(form, null).cookie(sessionCookie("").maxAge(0));
        });
    }

    /** Suspends one of the session's credentials at once: its certificate is revoked. */
    @Post(value = "/credentials/{citizenId}/suspension", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<String> suspend(HttpRequest<?> http, UUID citizenId, @Body PageForm form) {
        return handle(http, form, "me-suspend:" + citizenId, () -> {
            account.suspend(sessions.require(cookie(http)), citizenId);
            return back(form, "suspended");
        });
    }

    @Post(value = "/phone", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> phone(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-phone", () -> {
            account.startPhoneChange(sessions.require(cookie(http)), form.phone());
            return back(form, "code_sent");
        });
    }

    @Post(value = "/phone/code", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> phoneCode(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-phone-code", () -> {
            account.confirmPhoneChange(sessions.require(cookie(http)), form.otp());
            return back(form, "phone");
        });
    }

    @Post(value = "/email", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> email(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-email", () -> {
            account.startEmailChange(sessions.require(cookie(http)), form.email());
            return back(form, "code_sent");
        });
    }

    @Post(value = "/email/code", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> emailCode(HttpRequest<?> http, @Body PageForm form) {
        return handle(http, form, "me-email-code", () -> {
            account.confirmEmailChange(sessions.require(cookie(http)), form.otp());
            return back(form, "email");
        });
    }

    @FunctionalInterface
    private interface Action {
        MutableHttpResponse<String> run();
    }

    private HttpResponse<String> handle(HttpRequest<?> http, PageForm form, String purpose, Action action) {
        Lang lang = Lang.of(form.lang());
        if (!csrf.isValid(http, purpose, CitizenPageView.PAGE, form.csrf())) {
            return page(HttpStatus.FORBIDDEN, lang, http, Pages.notice("error", lang.text("error.page.csrf_invalid")), false);
        }
        try {
            return action.run();
        } catch (KysoException e) {
            boolean wrong = ErrorCode.OTP_INVALID.code().equals(e.problem().code());
            return page(HttpStatus.valueOf(e.problem().status()), lang, http,
                    Pages.notice("error", PageErrors.message(lang, e.problem())), wrong);
        }
    }

    private MutableHttpResponse<String> page(HttpStatus status, Lang lang, HttpRequest<?> http, Html.Safe notice,
                                             boolean invalid) {
        Optional<String> cookieNonce = csrf.nonceOf(http);
        String nonce = cookieNonce.orElseGet(csrf::newNonce);
        Optional<CitizenSession> session = sessions.find(cookie(http));
        Html.Safe content;
        if (session.isEmpty()) {
            content = view.login(lang, nonce, notice);
        } else if (session.get().verifiedAt() == null) {
            content = view.code(lang, nonce, session.get().phone(), notice, invalid);
        } else {
            content = view.overview(lang, nonce, account.overview(session.get()), notice, invalid);
        }
        MutableHttpResponse<String> response = Pages.page(status, lang, "me.title", "/me?lang=" + lang.other().code(),
                content);
        return cookieNonce.isPresent() ? response : response.cookie(csrf.cookie(nonce));
    }

    private static MutableHttpResponse<String> back(PageForm form, String done) {
        return Pages.seeOther("/me?lang=" + Lang.of(form.lang()).code() + (done == null ? "" : "&done=" + done));
    }

    private static String cookie(HttpRequest<?> http) {
        return http.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue).orElse(null);
    }

    private Cookie sessionCookie(String value) {
        return Cookie.of(SESSION_COOKIE, value).httpOnly(true).sameSite(SameSite.Strict).path("/me").secure(secureCookie);
    }
}
