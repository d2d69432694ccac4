package io.kyso.verification.report;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The report's wording, in English and Vietnamese ({@code messages.properties},
 * {@code messages_vi.properties}). Properties files are read as UTF-8.
 */
public final class Messages {
    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final String BUNDLE = "io.kyso.verification.messages";
    /** Never falls back to the JVM's default locale: a report reads the same on every machine. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The text of {@code code} in {@code locale}, its {@code {0}}, {@code {1}}… filled with {@code args}. */
    public static String format(String code, List<String> args, Locale locale) {
        String pattern = text(code, locale);
        return new MessageFormat(pattern, locale).format(args.toArray());
    }

    /** A fixed label of the report pages (e.g. {@code label.signer}). */
    public static String text(String code, Locale locale) {
        try {
            return bundle(locale).getString(code);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no text for '" + code + "' in " + locale, e);
        }
    }

    /** Whether the report's wording has a text for {@code code} (every code is in both languages). */
    public static boolean has(String code) {
        return bundle(Locale.ENGLISH).containsKey(code);
    }

    private static ResourceBundle bundle(Locale locale) {
        Locale chosen = VIETNAMESE.getLanguage().equals(locale.getLanguage()) ? VIETNAMESE : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, chosen, Messages.class.getClassLoader(), NO_FALLBACK);
    }
}
