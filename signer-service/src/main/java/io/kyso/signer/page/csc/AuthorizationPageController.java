package io.kyso.signer.page.csc;

import io.kyso.hsm.HsmException;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.csc.oauth.CitizenConfirmation;
import io.kyso.signer.csc.oauth.CredentialAuthorizationService;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.web.CsrfTokens;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageErrors;
import io.kyso.signer.web.PageForm;
import io.kyso.signer.web.Pages;
import io.kyso.signer.web.SecurityHeadersFilter;
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

import java.net.URI;
import java.util.Optional;

/**
 * The CSC API's authorization page, {@code /s/{token}}: the citizen sees the portal, what it asks to
 * sign (each document's label and the first digits of its hash), enters the code sent to their phone
 * (or their authenticator app's), and is sent back to the portal with an authorization code — or
 * refuses. Built like the confirmation page (templates, CSRF, no JavaScript needed) and with the same
 * code rules. Its content security policy lets its forms lead to the portal's registered address.
 */
@Controller(CredentialAuthorizationService.PAGE_PATH + "{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthorizationPageController {
    private static final String CONFIRM = "csc-confirm";
    private static final String REJECT = "csc-reject";
    private static final String RESEND = "csc-resend";

    private final CitizenConfirmation confirmations;
    private final CsrfTokens csrf;
    private final AuditLog audit;

    public AuthorizationPageController(CitizenConfirmation confirmations, CsrfTokens csrf, AuditLog audit) {
        this.confirmations = confirmations;
        this.csrf = csrf;
        this.audit = audit;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> show(String token, HttpRequest<?> http, @Nullable @QueryValue String lang,
                                     @Nullable @QueryValue String sent) {
        Lang language = Lang.of(lang);
        Optional<CitizenConfirmation.Opened> opened = confirmations.find(token);
        if (opened.isEmpty()) {
            return invalidLink(language);
        }
        if (opened.get().authorization().status().awaitsCitizen()) {
            audit.append(AuditRecord.of(AuditEventType.CONFIRMATION_PAGE_OPENED, opened.get().citizen().actor())
                    .portal(opened.get().portal().id()).request(opened.get().authorization().id()).build());
        }
        Html.Safe notice = sent != null ? Pages.notice("info", language.text("notice.resent")) : Html.Safe.EMPTY;
        return render(HttpStatus.OK, language, token, http, opened.get(), notice, false);
    }

    @Post(value = "/confirmation", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> confirm(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, CONFIRM, opened -> confirmations.confirm(opened, form.otp()).toString());
    }

    @Post(value = "/rejection", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> reject(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, REJECT, opened -> confirmations.reject(opened).toString());
    }

    @Post(value = "/resend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> resend(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, RESEND, opened -> {
            confirmations.resend(opened, base(token));
            return base(token) + "?lang=" + Lang.of(form.lang()).code() + "&sent=1";
        });
    }

    /** What a genuine form does; returns where the browser goes next. */
    @FunctionalInterface
    private interface Action {
        String run(CitizenConfirmation.Opened opened);
    }

    private HttpResponse<String> handle(String token, HttpRequest<?> http, PageForm form, String purpose, Action action) {
        Lang lang = Lang.of(form.lang());
        Optional<CitizenConfirmation.Opened> opened = confirmations.find(token);
        if (opened.isEmpty()) {
            return invalidLink(lang);
        }
        if (!csrf.isValid(http, purpose, token, form.csrf())) {
            return failed(lang, token, http, opened.get(), new KysoException(ErrorCode.PAGE_CSRF_INVALID,
                    "The form's CSRF token does not match."));
        }
        try {
            return withPolicy(Pages.seeOther(action.run(opened.get())), opened.get());
        } catch (KysoException e) {
            return failed(lang, token, http, confirmations.find(token).orElse(opened.get()), e);
        } catch (HsmException e) {
            return failed(lang, token, http, opened.get(), new KysoException(ErrorCode.HSM_UNAVAILABLE,
                    "The signing device is unavailable."));
        }
    }

    private HttpResponse<String> failed(Lang lang, String token, HttpRequest<?> http, CitizenConfirmation.Opened opened,
                                        KysoException e) {
        Html.Safe notice = Pages.notice("error", PageErrors.message(lang, e.problem()));
        boolean codeWrong = ErrorCode.OTP_INVALID.code().equals(e.problem().code());
        return render(HttpStatus.valueOf(e.problem().status()), lang, token, http, opened, notice, codeWrong);
    }

    private MutableHttpResponse<String> render(HttpStatus status, Lang lang, String token, HttpRequest<?> http,
                                               CitizenConfirmation.Opened opened, Html.Safe notice, boolean codeInvalid) {
        Optional<String> cookieNonce = csrf.nonceOf(http);
        String nonce = cookieNonce.orElseGet(csrf::newNonce);
        Html.Safe content;
        if (opened.authorization().status().awaitsCitizen()) {
            AuthorizationPageView.Forms forms = new AuthorizationPageView.Forms(base(token),
                    csrf.formToken(CONFIRM, token, nonce), csrf.formToken(REJECT, token, nonce),
                    opened.usesApp() ? null : csrf.formToken(RESEND, token, nonce));
            content = AuthorizationPageView.awaiting(lang, opened, forms, notice, codeInvalid);
        } else {
            content = AuthorizationPageView.result(lang, opened.authorization());
        }
        MutableHttpResponse<String> response = withPolicy(Pages.page(status, lang, "csc.page.title",
                base(token) + "?lang=" + lang.other().code(), content), opened);
        return cookieNonce.isPresent() ? response : response.cookie(csrf.cookie(nonce));
    }

    /** The house policy, with the portal's registered redirect origin allowed as a form's destination. */
    private static MutableHttpResponse<String> withPolicy(MutableHttpResponse<String> response,
                                                          CitizenConfirmation.Opened opened) {
        URI redirect = opened.authorization().redirectUri();
        String origin = redirect.getScheme() + "://" + redirect.getRawAuthority();
        return response.header("Content-Security-Policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY
                .replace("form-action 'self'", "form-action 'self' " + origin));
    }

    private static HttpResponse<String> invalidLink(Lang lang) {
        return Pages.page(HttpStatus.NOT_FOUND, lang, "csc.page.title", "?lang=" + lang.other().code(),
                Pages.message("invalid", lang.text("invalid.heading"), lang.text("invalid.message")));
    }

    private static String base(String token) {
        return CredentialAuthorizationService.PAGE_PATH + token;
    }
}
