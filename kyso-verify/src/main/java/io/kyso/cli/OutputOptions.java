package io.kyso.cli;

import io.kyso.verification.report.Messages;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code --json}, {@code --lang} and {@code --verbose}: how the verdicts are printed. */
final class OutputOptions {
    @Option(names = "--json", description = "print the report as JSON (the service's format)")
    boolean json;

    @Option(names = "--lang", paramLabel = "en|vi", defaultValue = "en", description = "language of the text output (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--verbose", description = "also print the libraries' warnings and information on stderr")
    boolean verbose;

    Locale locale() {
        return "vi".equalsIgnoreCase(lang) ? Messages.VIETNAMESE : Locale.ENGLISH;
    }

    /** Must run before the first logger is created (SLF4J simple reads its level once). */
    void configureLogging() {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }
}
