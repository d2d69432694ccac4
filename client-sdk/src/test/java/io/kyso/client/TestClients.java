package io.kyso.client;


import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/** SDK clients for unit tests: pauses are recorded and skipped, randomness is seeded. */
final class TestClients {
    static final String API_KEY = "kyso_test_0123456789";

    private TestClients() {
    }

    /** Records the pauses it was asked for and advances a fake clock by them, without waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> pauses = new CopyOnWriteArrayList<>();
        long nanos;

        @Override
        public void sleep(Duration duration) {
            pauses.add(duration);
            nanos += duration.toNanos();
        }
    }

    static KysoConfig.Builder config(URI url) {
        return KysoConfig.builder().baseUrl(url).apiKey(API_KEY).maxAttempts(4)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .pollInterval(Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    static HttpKysoClient client(KysoConfig config, RecordingSleeper sleeper) {
        RandomGenerator random = new SplittableRandom(42);
        return new HttpKysoClient(config, HttpKysoClient.httpClient(config), sleeper, random, () -> sleeper.nanos);
    }
}
