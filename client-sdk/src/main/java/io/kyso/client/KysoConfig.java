package io.kyso.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a {@link KysoClient} reaches Kyso. Built with {@link #builder()}; what the builder is not
 * given comes from the environment ({@code KYSO_URL}, {@code KYSO_API_KEY}), then from defaults.
 *
 * @param baseUrl         Kyso's address, e.g. {@code https://kyso.example.gov.vn}
 * @param apiKey          the portal's API key; never printed by {@link #toString()}
 * @param connectTimeout  to open a connection (default 10 s)
 * @param requestTimeout  from sending a request until Kyso's answer begins, uploads included (default 5 min)
 * @param maxAttempts     attempts per call, the first included (default 4): connection failures and
 *                        {@code 503} are retried, with the same idempotency key
 * @param initialBackoff  pause before the first retry (default 500 ms); doubles with each retry, with jitter
 * @param maxBackoff      the longest pause between retries (default 10 s)
 * @param pollInterval    {@link SigningRequests#awaitFinalState}: first pause between polls (default 1 s), growing
 * @param maxPollInterval the longest pause between polls (default 15 s)
 */
public record KysoConfig(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout,
                         int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration pollInterval,
                         Duration maxPollInterval) {

    public static final String URL_VARIABLE = "KYSO_URL";
    public static final String API_KEY_VARIABLE = "KYSO_API_KEY";

    public KysoConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.isAbsolute() || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(maxPollInterval, "maxPollInterval");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "KysoConfig[baseUrl=" + baseUrl + ", apiKey=(hidden), connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts + ", initialBackoff="
                + initialBackoff + ", maxBackoff=" + maxBackoff + ", pollInterval=" + pollInterval
                + ", maxPollInterval=" + maxPollInterval + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    /** Builds a {@link KysoConfig}. Not thread-safe. */
    public static final class Builder {
        private URI baseUrl;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration maxPollInterval = Duration.ofSeconds(15);
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        public Builder baseUrl(URI url) {
            this.baseUrl = url;
            return this;
        }

        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Attempts per call, the first included; 1 turns retries off. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder pollInterval(Duration initial, Duration max) {
            this.pollInterval = initial;
            this.maxPollInterval = max;
            return this;
        }

        /** Where {@code KYSO_URL} and {@code KYSO_API_KEY} are looked up; {@link System#getenv(String)} by default. */
        public Builder environment(Function<String, String> lookup) {
            this.environment = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** The configuration; throws {@link IllegalStateException} naming what is missing. */
        public KysoConfig build() {
            URI url = baseUrl;
            if (url == null) {
                String fromEnv = environment.apply(URL_VARIABLE);
                if (fromEnv == null || fromEnv.isBlank()) {
                    throw new IllegalStateException("No Kyso URL: call baseUrl(…) or set " + URL_VARIABLE);
                }
                url = URI.create(fromEnv.strip());
            }
            String key = apiKey;
            if (key == null) {
                key = environment.apply(API_KEY_VARIABLE);
                if (key == null || key.isBlank()) {
                    throw new IllegalStateException("No API key: call apiKey(…) or set " + API_KEY_VARIABLE);
                }
                key = key.strip();
            }
            return new KysoConfig(url, key, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
                    pollInterval, maxPollInterval);
        }
    }
}
