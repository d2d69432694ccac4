package io.kyso.signer.page.confirmation;

import io.kyso.hsm.HsmException;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.confirmation.OtpIssuer;
import io.kyso.signer.confirmation.Confirmation;
import io.kyso.signer.confirmation.ConfirmationService;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.RequestStatus;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestService;
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
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The citizen's confirmation page at the request's secret link {@code /c/{token}}: the dossier, each
 * document with its preview, the code, and confirm / reject / resend. Server-rendered and usable
 * without JavaScript; each form is protected by {@link CsrfTokens} and answered with a redirect
 * (so a reload never posts twice) or, on a mistake, the page again with the reason. The rules are
 * the service's: the same {@link ConfirmationService} as the API, so the per-request and
 * per-citizen locks hold here too. The token is never logged.
 */
@Controller("/c/{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConfirmationPageController {
    private static final String CONFIRM = "confirm";
    private static final String REJECT = "reject";
    private static final String RESEND = "resend";
    /** On a preview that could not be drawn: why, in words (which limit; never document content). */
    static final String PREVIEW_UNAVAILABLE_HEADER = "Kyso-Preview-Unavailable";

    private final SigningRequestService requests;
    private final ConfirmationService confirmations;
    private final PortalDirectory portals;
    private final ConfirmationPageView view;
    private final DocumentPreviews previews;
    private final CsrfTokens csrf;
    private final AuditLog audit;

    public ConfirmationPageController(SigningRequestService requests, ConfirmationService confirmations,
                                      PortalDirectory portals, ConfirmationPageView view, DocumentPreviews previews,
                                      CsrfTokens csrf, AuditLog audit) {
        this.requests = requests;
        this.confirmations = confirmations;
        this.portals = portals;
        this.view = view;
        this.previews = previews;
        this.csrf = csrf;
        this.audit = audit;
    }

    /** A request reached through its link, with its portal and citizen. */
    private record Loaded(Portal portal, SigningRequest request, Citizen citizen) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> show(String token, HttpRequest<?> http, @Nullable @QueryValue String lang,
                                     @Nullable @QueryValue String sent) {
        Lang language = Lang.of(lang);
        Optional<Loaded> loaded = load(token);
        if (loaded.isEmpty()) {
            return invalidLink(language, token);
        }
        Loaded l = loaded.get();
        if (l.request().status() == RequestStatus.AWAITING_CONFIRMATION) {
            audit.append(AuditRecord.of(AuditEventType.CONFIRMATION_PAGE_OPENED, l.citizen().actor())
                    .portal(l.portal().id()).request(l.request().id()).build());
        }
        Html.Safe notice = sent != null ? Pages.notice("info", language.text("notice.resent")) : Html.Safe.EMPTY;
        return render(HttpStatus.OK, language, token, http, l, notice, false, Set.of());
    }

    @Post(value = "/confirmation", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> confirm(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, CONFIRM, l -> {
            List<UUID> approved = form.approved().stream().map(ConfirmationPageController::documentId).toList();
            confirmations.confirm(l.portal(), l.request().id(),
                    new Confirmation(form.otp(), approved, form.binding(), Confirmation.Via.PAGE));
            return "";
        });
    }

    @Post(value = "/rejection", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> reject(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, REJECT, l -> {
            requests.reject(l.portal(), l.request().id(), l.citizen().actor());
            return "";
        });
    }

    @Post(value = "/resend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> resend(String token, HttpRequest<?> http, @Body PageForm form) {
        return handle(token, http, form, RESEND, l -> {
            confirmations.resend(l.portal(), l.request().id());
            return "&sent=1";
        });
    }

    /**
     * The first page of a PDF of a request awaiting confirmation, as a small PNG; a page that cannot
     * be drawn within the preview's limits gets an image that says so, and the reason in a header.
     */
    @Get("/documents/{documentId}/preview.png")
    public HttpResponse<?> preview(String token, UUID documentId) throws IOException {
        Optional<Document> doc = load(token).filter(l -> l.request().status() == RequestStatus.AWAITING_CONFIRMATION)
                .flatMap(l -> l.request().documents().stream().filter(d -> d.id().equals(documentId)).findFirst())
                .filter(d -> "application/pdf".equals(d.contentType()));
        if (doc.isEmpty()) {
            return HttpResponse.notFound();
        }
        DocumentPreviews.Preview preview = previews.pdfPreview(doc.get());
        if (preview.image() == null) {
            return HttpResponse.ok(previews.placeholder()).contentType(MediaType.IMAGE_PNG_TYPE)
                    .header(PREVIEW_UNAVAILABLE_HEADER, preview.unavailable()).header("Cache-Control", "private, max-age=600");
        }
        SystemFile png = new SystemFile(preview.image().toFile(), MediaType.IMAGE_PNG_TYPE);
        return HttpResponse.ok(png).header("Cache-Control", "private, max-age=600");
    }

    /** What a form does once it is known to be genuine; returns extra query text for the redirect. */
    @FunctionalInterface
    private interface Action {
        String run(Loaded loaded);
    }

    private HttpResponse<String> handle(String token, HttpRequest<?> http, PageForm form, String purpose,
                                        Action action) {
        Lang lang = Lang.of(form.lang());
        Optional<Loaded> loaded = load(token);
        if (loaded.isEmpty()) {
            return invalidLink(lang, token);
        }
        // only the confirmation form carries the tick boxes; after another form, show them as they were
        Set<UUID> unticked = CONFIRM.equals(purpose) ? untickedOf(loaded.get().request(), form) : Set.of();
        if (!csrf.isValid(http, purpose, token, form.csrf())) {
            return failed(lang, token, http, loaded.get(), new KysoException(ErrorCode.PAGE_CSRF_INVALID,
                    "The form's CSRF token does not match."), unticked);
        }
        try {
            String extra = action.run(loaded.get());
            return Pages.seeOther(base(token) + "?lang=" + lang.code() + extra);
        } catch (KysoException e) {
            return failed(lang, token, http, load(token).orElse(loaded.get()), e, unticked);
        } catch (HsmException e) {
            return failed(lang, token, http, load(token).orElse(loaded.get()), new KysoException(
                    ErrorCode.HSM_UNAVAILABLE, "The signing device is unavailable."), unticked);
        }
    }

    /** The page again, with what went wrong; a request that has ended shows how it ended instead. */
    private HttpResponse<String> failed(Lang lang, String token, HttpRequest<?> http, Loaded loaded, KysoException e,
                                        Set<UUID> unticked) {
        Problem problem = e.problem();
        Html.Safe notice = Pages.notice("error", PageErrors.message(lang, problem));
        boolean codeWrong = ErrorCode.OTP_INVALID.code().equals(problem.code());
        return render(HttpStatus.valueOf(problem.status()), lang, token, http, loaded, notice, codeWrong, unticked);
    }

    private MutableHttpResponse<String> render(HttpStatus status, Lang lang, String token, HttpRequest<?> http,
                                               Loaded l, Html.Safe notice, boolean codeInvalid, Set<UUID> unticked) {
        Optional<String> cookieNonce = csrf.nonceOf(http);
        String nonce = cookieNonce.orElseGet(csrf::newNonce);
        Html.Safe content;
        if (l.request().status() == RequestStatus.AWAITING_CONFIRMATION) {
            ConfirmationPageView.Forms forms = new ConfirmationPageView.Forms(base(token),
                    csrf.formToken(CONFIRM, token, nonce), csrf.formToken(REJECT, token, nonce),
                    OtpIssuer.usesApp(l.citizen()) ? null : csrf.formToken(RESEND, token, nonce));
            content = view.awaiting(lang, l.portal().name(), l.request(), l.citizen(), forms, notice, codeInvalid,
                    unticked);
        } else {
            content = view.result(lang, l.portal().name(), l.request());
        }
        MutableHttpResponse<String> response = Pages.page(status, lang, "page.title",
                base(token) + "?lang=" + lang.other().code(), content);
        return cookieNonce.isPresent() ? response : response.cookie(csrf.cookie(nonce));
    }

    private Optional<Loaded> load(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return requests.findByToken(token).flatMap(r -> portals.findById(r.portalId())
                .map(p -> new Loaded(p, r, confirmations.citizen(p, r))));
    }

    private static Set<UUID> untickedOf(SigningRequest request, PageForm form) {
        Set<UUID> unticked = new HashSet<>();
        request.documents().stream().map(Document::id).filter(id -> !form.approved().contains(id.toString()))
                .forEach(unticked::add);
        return unticked;
    }

    private static UUID documentId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new KysoException(ErrorCode.CONFIRMATION_UNKNOWN_DOCUMENT, "A ticked document is not valid.");
        }
    }

    private static HttpResponse<String> invalidLink(Lang lang, String token) {
        return Pages.page(HttpStatus.NOT_FOUND, lang, "page.title", "?lang=" + lang.other().code(),
                Pages.message("invalid", lang.text("invalid.heading"), lang.text("invalid.message")));
    }

    private static String base(String token) {
        return "/c/" + token;
    }
}
