package io.kyso.signer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The citizen's pages are server-rendered from small templates ({@code /templates/*.html} on the
 * class path) with {@code {{name}}} placeholders. Every value is HTML-escaped unless it is already
 * {@link Safe} markup built here, so escaping is the default and cannot be forgotten; a template
 * naming a value that was not given fails loudly instead of rendering a hole. Thread-safe.
 */
public final class Html {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private Html() {
    }

    /** Markup that is already safe: made by {@link #render} or {@link #escape} only. */
    public record Safe(String html) {
        public static final Safe EMPTY = new Safe("");

        @Override
        public String toString() {
            return html;
        }
    }

    /** Renders template {@code name} with {@code values}: strings and numbers are escaped, {@link Safe} is not. */
    public static Safe render(String name, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(template(name));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new IllegalStateException("template " + name + " needs a value for " + m.group(1));
            }
            Object value = values.get(m.group(1));
            String html = value instanceof Safe safe ? safe.html() : escape(value == null ? "" : value.toString()).html();
            m.appendReplacement(out, Matcher.quoteReplacement(html));
        }
        m.appendTail(out);
        return new Safe(out.toString());
    }

    /** Joins pieces of safe markup. */
    public static Safe join(Iterable<Safe> parts) {
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p.html()));
        return new Safe(out.toString());
    }

    /** Escapes text for element content and quoted attribute values. */
    public static Safe escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return new Safe(out.toString());
    }

    private static String template(String name) {
        return TEMPLATES.computeIfAbsent(name, n -> {
            try (InputStream in = Html.class.getResourceAsStream("/templates/" + n + ".html")) {
                if (in == null) {
                    throw new IllegalStateException("no template " + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
