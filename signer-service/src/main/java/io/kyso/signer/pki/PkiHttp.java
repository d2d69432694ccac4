package io.kyso.signer.pki;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP of PKI clients (timestamps, OCSP, CRLs): a connect timeout, a deadline for the whole
 * answer (a server that sends slowly is cut off like one that does not answer), a limit on its
 * size, no redirects. Any failure to get an answer is an {@link IOException}; what the answer
 * means is the caller's business. Thread-safe.
 */
public final class PkiHttp {
    /** An HTTP answer: its status, its content type ("" if none) and its body. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    private final HttpClient http;
    private final Duration deadline;
    private final int maxBytes;

    public PkiHttp(Duration connectTimeout, Duration deadline, int maxBytes) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    public Answer get(URI url) throws IOException {
        return send(HttpRequest.newBuilder(url).GET());
    }

    /** POSTs {@code body} as {@code contentType}; {@code authorization} is a whole header value, or null. */
    public Answer post(URI url, String contentType, byte[] body, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request.timeout(deadline).build(), info -> limited(maxBytes));
        try {
            HttpResponse<byte[]> response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("no whole answer within " + deadline.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            // the JDK's connect failures carry no message: name them by their kind
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new IOException("interrupted", e);
        }
    }

    /** The body as bytes, failing once it grows past {@code max} instead of holding all of it. */
    private static HttpResponse.BodySubscriber<byte[]> limited(int max) {
        HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        return new HttpResponse.BodySubscriber<>() {
            private Flow.Subscription subscription;
            private long received;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                bytes.onSubscribe(s);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (received > max) {
                    return; // already failed and cancelled; stragglers are dropped
                }
                received += items.stream().mapToLong(ByteBuffer::remaining).sum();
                if (received > max) {
                    subscription.cancel();
                    bytes.onError(new IOException("the answer is larger than " + max + " bytes"));
                } else {
                    bytes.onNext(items);
                }
            }

            @Override
            public void onError(Throwable failure) {
                bytes.onError(failure);
            }

            @Override
            public void onComplete() {
                bytes.onComplete();
            }

            @Override
            public CompletionStage<byte[]> getBody() {
                return bytes.getBody();
            }
        };
    }
}
