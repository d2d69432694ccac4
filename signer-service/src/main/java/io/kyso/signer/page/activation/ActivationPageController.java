package io.kyso.signer.page.activation;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.enrollment.ActivationIdentity;
import io.kyso.signer.enrollment.CredentialActivation;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.identity.NationalIdentity;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.support.PublicAddress;
import io.kyso.signer.web.CsrfTokens;
import io.kyso.signer.web.Forms;
import io.kyso.signer.web.Html;
import io.kyso.signer.web.IdentityCookies;
import io.kyso.signer.web.Lang;
import io.kyso.signer.web.PageErrors;
import io.kyso.signer.web.PageForm;
import io.kyso.signer.web.PageFormat;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page where a citizen activates their credential, {@code /a/<token>}: who enrolled it and for
 * whom, the codes Kyso sent to the enrolled phone and email, then (where configured) the login at
 * the national identity provider, whose answer comes back to {@code /a/identity/callback}. Forms
 * carry CSRF tokens; the token, the codes and the provider's answer are never logged.
 */
@Controller("/a")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ActivationPageController {
    private static final String CODES = "activation-codes";
    private static final String RESEND = "activation-resend";

    private final CredentialActivation activation;
    private final ActivationIdentity identity;
    private final NationalIdentity provider;
    private final CsrfTokens csrf;
    private final IdentityCookies identityCookies;
    private final PublicAddress address;

    public ActivationPageController(CredentialActivation activation, ActivationIdentity identity,
                                    NationalIdentity provider, CsrfTokens csrf, IdentityCookies identityCookies,
                                    PublicAddress address) {
        this.activation = activation;
        this.identity = identity;
        this.provider = provider;
        this.csrf = csrf;
        this.identityCookies = identityCookies;
        this.address = address;
    }

    @Get(value = "/{token}", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> show(String token, HttpRequest<?> http, @Nullable @QueryValue String lang,
                                     @Nullable @QueryValue String sent) {
        Lang language = Lang.of(lang);
        Html.Safe notice = sent != null ? Pages.notice("info", language.text("notice.resent")) : Html.Safe.EMPTY;
        return page(HttpStatus.OK, language, token, http, notice, false);
    }

    @Post(value = "/{token}/codes", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> codes(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, CODES, () -> {
            activation.verifyCodes(token, csrf.nonceOf(http).orElseThrow(),
                    channel -> channel == OtpChannel.EMAIL ? form.emailOtp() : form.otp());
            return Pages.seeOther(base(token) + "?lang=" + Lang.of(form.lang()).code());
        });
    }

    @Post(value = "/{token}/resend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> resend(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, RESEND, () -> {
            activation.resendCodes(token);
            return Pages.seeOther(base(token) + "?lang=" + Lang.of(form.lang()).code() + "&sent=1");
        });
    }

    /**
     * Sends the browser to the identity provider, with the cookie its answer must come back with. A
     * link, not a form: the pages' content security policy lets forms post only here, and browsers
     * apply that to the redirect a form's answer makes. It needs no CSRF field: only the browser
     * that gave the codes may start the login (its {@code SameSite=Strict} nonce, which no other site
     * can make it send, was recorded then).
     */
    @Get(value = "/{token}/identity", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> startIdentity(String token, HttpRequest<?> http, @Nullable @QueryValue String lang) {
        Lang language = Lang.of(lang);
        try {
            ActivationIdentity.Redirect redirect = identity.start(token, csrf.nonceOf(http).orElse(null));
            return Pages.seeOther(redirect.authorizationUri().toString())
                    .cookie(identityCookies.cookie(redirect.bindingCookie(), NationalIdentity.CALLBACK_PATH));
        } catch (KysoException e) {
            return page(HttpStatus.valueOf(e.problem().status()), language, token, http,
                    Pages.notice("error", PageErrors.message(language, e.problem())), false);
        }
    }

    /** The identity provider's answer: the credential is active if the login is the citizen's. */
    @Get(value = "/identity/callback", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> identityCallback(HttpRequest<?> http, @Nullable @QueryValue String state,
                                                 @Nullable @QueryValue String code, @Nullable @QueryValue String error) {
        Lang lang = Lang.VI;
        try {
            var citizen = identity.finish(state, code, error, identityCookies.valueOf(http).orElse(null));
            return done(lang, citizen.fullName());
        } catch (KysoException e) {
            return Pages.page(HttpStatus.valueOf(e.problem().status()), lang, "activation.title", "?lang=en",
                    Pages.message("invalid", lang.text("activation.heading"), PageErrors.message(lang, e.problem())));
        }
    }

    @FunctionalInterface
    private interface Action {
        MutableHttpResponse<String> run();
    }

    private HttpResponse<String> handle(String token, HttpRequest<?> http, PageForm form, String purpose, Action action) {
        Lang lang = Lang.of(form.lang());
        if (!csrf.isValid(http, purpose, token, form.csrf())) {
            return page(HttpStatus.FORBIDDEN, lang, token, http, Pages.notice("error",
                    lang.text("error.page.csrf_invalid")), false);
        }
        try {
            return action.run();
        } catch (KysoException e) {
            boolean wrongCode = ErrorCode.OTP_INVALID.code().equals(e.problem().code());
            return page(HttpStatus.valueOf(e.problem().status()), lang, token, http,
                    Pages.notice("error", PageErrors.message(lang, e.problem())), wrongCode);
        }
    }

    private MutableHttpResponse<String> page(HttpStatus status, Lang lang, String token, HttpRequest<?> http,
                                             Html.Safe notice, boolean codeInvalid) {
        CredentialActivation.Pending pending;
        try {
            pending = activation.pending(token);
        } catch (KysoException e) {
            return ended(lang, token, e);
        }
        if (pending.completed()) {
            return done(lang, pending.citizen().fullName());
        }
        Optional<String> cookieNonce = csrf.nonceOf(http);
        String nonce = cookieNonce.orElseGet(csrf::newNonce);
        Map<String, Object> v = new HashMap<>();
        v.put("heading", lang.text("activation.heading"));
        v.put("intro", lang.text("activation.intro", pending.portalName()));
        v.put("portalLabel", lang.text("activation.portal"));
        v.put("portal", pending.portalName());
        v.put("nameLabel", lang.text("activation.name"));
        v.put("name", pending.citizen().fullName());
        v.put("nationalIdLabel", lang.text("activation.nationalId"));
        v.put("nationalId", maskedNationalId(pending.citizen().nationalId()));
        v.put("expiresLabel", lang.text("activation.expires"));
        v.put("expires", PageFormat.time(pending.expiresAt()));
        v.put("notice", notice);
        v.put("step", pending.codesVerified() ? identityStep(lang, token, pending)
                : codesStep(lang, token, nonce, pending, codeInvalid));
        MutableHttpResponse<String> response = Pages.page(status, lang, "activation.title",
                base(token) + "?lang=" + lang.other().code(), Html.render("activation", v));
        return cookieNonce.isPresent() ? response : response.cookie(csrf.cookie(nonce));
    }

    private Html.Safe codesStep(Lang lang, String token, String nonce, CredentialActivation.Pending pending,
                                boolean invalid) {
        List<Html.Safe> fields = new ArrayList<>();
        for (Recipient r : pending.codesSentTo()) {
            fields.add(r.channel() == OtpChannel.EMAIL
                    ? Forms.codeField("emailOtp", lang.text("activation.code.email", PageFormat.maskedEmail(r.address())), invalid)
                    : Forms.codeField("otp", lang.text("activation.code.sms", PageFormat.maskedPhone(r.address())), invalid));
        }
        String submit = lang.text(pending.identityRequired() ? "activation.next" : "activation.submit");
        return Html.join(List.of(
                Forms.codeForm("activation-form", base(token) + "/codes", csrf.formToken(CODES, token, nonce), lang,
                        Html.join(fields), submit),
                Forms.button(base(token) + "/resend", csrf.formToken(RESEND, token, nonce), lang, lang.text("resend"),
                        "secondary", "resend-button")));
    }

    private static Html.Safe identityStep(Lang lang, String token, CredentialActivation.Pending pending) {
        return Html.render("identity-step", Map.of(
                "heading", lang.text("activation.identity.heading", pending.identityName()),
                "explain", lang.text("activation.identity.explain", pending.identityName()),
                "href", base(token) + "/identity?lang=" + lang.code(),
                "label", lang.text("activation.identity.submit", pending.identityName())));
    }

    private MutableHttpResponse<String> done(Lang lang, String name) {
        return Pages.page(HttpStatus.OK, lang, "activation.title", "?lang=" + lang.other().code(),
                Pages.message("signed", lang.text("activation.done.heading"),
                        lang.text("activation.done.message", name, address.link("/me"))));
    }

    private static MutableHttpResponse<String> ended(Lang lang, String token, KysoException e) {
        boolean unknown = ErrorCode.PAGE_LINK_INVALID.code().equals(e.problem().code());
        return Pages.page(HttpStatus.valueOf(e.problem().status()), lang, "activation.title",
                base(token) + "?lang=" + lang.other().code(), Pages.message("invalid",
                        lang.text(unknown ? "invalid.heading" : "activation.heading"),
                        unknown ? lang.text("invalid.message") : PageErrors.message(lang, e.problem())));
    }

    /** {@code 0790•••••345}: enough for the citizen to recognise, not to harvest from a forwarded link. */
    private static String maskedNationalId(String nationalId) {
        return nationalId.substring(0, 4) + "•••••" + nationalId.substring(nationalId.length() - 3);
    }

    private static String base(String token) {
        return "/a/" + token;
    }
}
