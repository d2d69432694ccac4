package io.kyso.client;


import java.net.http.HttpClient;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * {@link KysoClient} over the JDK's {@link HttpClient}. Obtain it through
 * {@link KysoClient#create(KysoConfig)}; this class is not API. Thread-safe.
 */
final class HttpKysoClient implements KysoClient {
    private final Citizens citizens;
    private final SigningRequests signingRequests;

    public HttpKysoClient(KysoConfig config) {
        this(config, httpClient(config), Sleeper.THREAD, ThreadLocalRandom.current(), System::nanoTime);
    }

    /** With the pauses, randomness and time of a test. */
    HttpKysoClient(KysoConfig config, HttpClient http, Sleeper sleeper, RandomGenerator random, LongSupplier nanoTime) {
        Transport transport = new Transport(config, http,
                new Backoff(config.initialBackoff(), config.maxBackoff(), random), sleeper);
        this.citizens = new HttpCitizens(transport);
        this.signingRequests = new HttpSigningRequests(transport, config, sleeper, nanoTime);
    }

    /**
     * HTTP/1.1 on purpose: an upload is one long request, which HTTP/2 does not speed up, and the
     * JDK's h2c upgrade attempts on plain http only confuse proxies. Redirects are not followed: an
     * API call that is redirected is misconfigured, and the key must not travel elsewhere.
     */
    static HttpClient httpClient(KysoConfig config) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Citizens citizens() {
        return citizens;
    }

    @Override
    public SigningRequests signingRequests() {
        return signingRequests;
    }
}
