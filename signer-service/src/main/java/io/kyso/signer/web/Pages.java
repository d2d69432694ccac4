package io.kyso.signer.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.net.URI;
import java.util.Map;

/** Builds the citizen's HTML answers: the layout around a page's content, never cached. */
public final class Pages {
    private Pages() {
    }

    /** The full page: layout, language switch to {@code switchHref}, and {@code content}. */
    public static MutableHttpResponse<String> page(HttpStatus status, Lang lang, String titleKey, String switchHref,
                                                   Html.Safe content) {
        Html.Safe html = Html.render("layout", Map.of(
                "lang", lang.code(),
                "pageTitle", lang.text(titleKey),
                "langHref", switchHref,
                "otherLang", lang.other().code(),
                "langLabel", lang.text("lang.switch"),
                "content", content,
                "footer", lang.text("footer")));
        return HttpResponse.<String>status(status).body(html.html())
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Cache-Control", "no-store");
    }

    /** See-other to a page, after a form was handled (so reloading does not post again). */
    public static MutableHttpResponse<String> seeOther(String location) {
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).headers(h -> h.location(URI.create(location)))
                .header("Cache-Control", "no-store");
    }

    /** A notice box: {@code error} (announced at once to screen readers) or {@code info}. */
    public static Html.Safe notice(String kind, String message) {
        return Html.render("notice", Map.of("kind", kind, "role", "error".equals(kind) ? "alert" : "status",
                "message", message));
    }

    /** A heading and a message, for links that lead nowhere. */
    public static Html.Safe message(String kind, String heading, String message) {
        return Html.render("message", Map.of("kind", kind, "heading", heading, "message", message));
    }
}
