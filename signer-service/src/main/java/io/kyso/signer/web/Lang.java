package io.kyso.signer.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The languages of the citizen's pages: Vietnamese by default, English on request ({@code ?lang=en}).
 * Texts live in {@code i18n/page_vi.properties} and {@code i18n/page_en.properties} (UTF-8).
 */
public enum Lang {
    VI(Locale.forLanguageTag("vi-VN")),
    EN(Locale.ENGLISH);

    private final Locale locale;
    private final ResourceBundle bundle;

    Lang(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("i18n.page", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code en} is English; anything else, or nothing, is Vietnamese. */
    public static Lang of(String code) {
        return "en".equalsIgnoreCase(code) ? EN : VI;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Lang other() {
        return this == VI ? EN : VI;
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public String text(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
