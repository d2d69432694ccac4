package io.kyso.signer.crash;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The harness's knobs, from system properties ({@code mvn verify -Dkyso.crash.kills=6 …}).
 *
 * @param threads            portal flows running at once ({@code kyso.crash.threads}, 8)
 * @param kills              how many times the service is killed; the phases aimed at cycle through
 *                           create, confirm, download ({@code kyso.crash.kills}, 3)
 * @param documents          PDFs per signing request ({@code kyso.crash.documents}, 2)
 * @param hsmOutage          how long the token directory stays away ({@code kyso.crash.hsm-outage}, in seconds, 5)
 * @param inProgressPatience how long a retry may keep answering {@code 409 idempotency.in_progress}
 *                           ({@code kyso.crash.in-progress-patience}, in seconds, 20)
 * @param databases          which databases to run on ({@code kyso.crash.databases}, {@code h2,postgresql})
 */
record CrashSettings(int threads, int kills, int documents, Duration hsmOutage, Duration inProgressPatience,
                     List<CrashDatabase> databases) {
    /** The phases the kills aim at, in turn. */
    static final List<Phase> AIMS = List.of(Phase.CREATE, Phase.CONFIRM, Phase.DOWNLOAD);
    /** How long a signing may keep answering 503 after the token is back before it counts as not resumed. */
    static final Duration RESUME_PATIENCE = Duration.ofMinutes(1);
    /** Long enough for any call on a loaded 2-core machine; a call still unanswered then counts as lost. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    CrashSettings {
        if (threads < 1 || kills < 1 || documents < 1) {
            throw new IllegalArgumentException("kyso.crash.threads, kills and documents must be at least 1");
        }
    }

    static CrashSettings fromSystemProperties() {
        return new CrashSettings(Integer.getInteger("kyso.crash.threads", 8), Integer.getInteger("kyso.crash.kills", 3),
                Integer.getInteger("kyso.crash.documents", 2),
                Duration.ofSeconds(Integer.getInteger("kyso.crash.hsm-outage", 5)),
                Duration.ofSeconds(Integer.getInteger("kyso.crash.in-progress-patience", 20)),
                Arrays.stream(System.getProperty("kyso.crash.databases", "h2,postgresql").split(","))
                        .map(String::strip).filter(name -> !name.isEmpty())
                        .map(name -> CrashDatabase.valueOf(name.toUpperCase(Locale.ROOT))).toList());
    }

    /** The phase kill number {@code kill} (from 0) aims at. */
    Phase aim(int kill) {
        return AIMS.get(kill % AIMS.size());
    }
}
