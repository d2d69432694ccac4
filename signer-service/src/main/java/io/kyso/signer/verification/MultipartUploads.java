package io.kyso.signer.verification;

import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Waits, on a blocking thread, for every file part of a multipart body. Once the files together pass
 * the limit (a body sent without a Content-Length), later parts are discarded as they arrive and the
 * upload ends in a 413; the body is still read to its end, since the server answers a request only
 * after reading it (the server's {@code max-request-size} bounds that). Parts that are not files
 * (form fields) are ignored. Each received file stays available until the request ends.
 */
final class MultipartUploads implements Subscriber<CompletedPart> {
    private final long limitBytes;
    private final List<CompletedFileUpload> files = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private long received;
    private volatile RuntimeException failure;

    private MultipartUploads(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    static List<CompletedFileUpload> collect(Publisher<CompletedPart> body, long limitBytes) {
        MultipartUploads uploads = new MultipartUploads(limitBytes);
        body.subscribe(uploads);
        try {
            uploads.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving an upload", e);
        }
        if (uploads.failure != null) {
            throw uploads.failure;
        }
        synchronized (uploads) {
            return List.copyOf(uploads.files);
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(CompletedPart part) {
        if (!(part instanceof CompletedFileUpload file)) {
            return;
        }
        received += file.getSize();
        if (received > limitBytes) {
            failure = VerificationService.tooLarge(limitBytes);
            files.forEach(CompletedFileUpload::discard);
            files.clear();
            file.discard();
            return;
        }
        files.add(file);
    }

    @Override
    public synchronized void onError(Throwable t) {
        if (failure == null) {
            failure = t instanceof RuntimeException r ? r : new IllegalStateException("the upload failed", t);
        }
        done.countDown();
    }

    @Override
    public void onComplete() {
        done.countDown();
    }
}
