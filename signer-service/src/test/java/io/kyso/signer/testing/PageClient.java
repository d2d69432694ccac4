package io.kyso.signer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, for the citizen's pages: it keeps cookies, reads the forms' hidden
 * fields from the last page it loaded, and posts forms as a browser does (no redirects followed,
 * so tests see the 303).
 */
public final class PageClient {
    private static final Pattern HIDDEN = Pattern.compile(
            "<form method=\"post\" action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private String lastPage = "";

    public PageClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
        lastPage = response.body();
        return response;
    }

    /** The hidden fields of the form on the last page that posts to a path ending in {@code actionSuffix}. */
    public Map<String, String> hiddenFields(String actionSuffix) {
        Matcher form = HIDDEN.matcher(lastPage);
        while (form.find()) {
            if (form.group(1).endsWith(actionSuffix)) {
                Matcher input = INPUT.matcher(form.group(2));
                Map<String, String> fields = new java.util.LinkedHashMap<>();
                while (input.find()) {
                    fields.put(input.group(1), input.group(2));
                }
                return fields;
            }
        }
        throw new AssertionError("no form posting to …" + actionSuffix + " on the page");
    }

    /** Posts {@code fields} (repeated names allowed) as application/x-www-form-urlencoded. */
    public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        lastPage = response.body();
        return response;
    }

    /** The hidden fields of the form for {@code actionSuffix}, plus {@code extra}. */
    public List<Map.Entry<String, String>> formWith(String actionSuffix, List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(hiddenFields(actionSuffix).entrySet());
        fields.addAll(extra);
        return fields;
    }

    public String lastPage() {
        return lastPage;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
