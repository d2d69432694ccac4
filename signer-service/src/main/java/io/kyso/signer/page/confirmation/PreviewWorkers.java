package io.kyso.signer.page.confirmation;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Draws previews in processes of their own ({@link PreviewWorker}), at most {@code workers} at a
 * time: a portal's PDF decides what PDFBox allocates and how long it computes, and a page built to
 * exhaust memory or to draw forever must cost the service neither. Each process has a small heap
 * and ends when it runs out; one that does not answer within the time limit is killed. Either way
 * the page gets no preview and the next one gets a fresh process. Thread-safe.
 */
@Singleton
public class PreviewWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewWorkers.class);
    /**
     * The drawing checks its time limit (processor time) between operations; a single operation that
     * never ends is stopped here, once the process has used this many times the limit, all its threads
     * counted (the compiler's too), or waited this many times the limit on the wall clock.
     */
    private static final int PROCESSOR_MARGIN = 3;
    private static final int WALL_CLOCK_MARGIN = 20;
    private static final Duration POLL = Duration.ofMillis(50);

    private final PreviewLimits limits;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
    private final List<Worker> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    public PreviewWorkers(PreviewLimits limits) {
        this.limits = limits;
        this.permits = new Semaphore(limits.workers());
    }

    /** Draws the first page of {@code pdf} into {@code png}, or says why it cannot. */
    public void render(Path pdf, Path png) throws PreviewUnavailableException {
        permits.acquireUninterruptibly();
        Worker worker = null;
        try {
            worker = idle.poll();
            if (worker == null || !worker.process.isAlive()) {
                worker = start();
            }
            String answer = worker.ask(pdf.toAbsolutePath() + "\t" + png.toAbsolutePath(),
                    limits.timeLimit().multipliedBy(PROCESSOR_MARGIN), limits.timeLimit().multipliedBy(WALL_CLOCK_MARGIN));
            if (answer != null && answer.startsWith(PreviewWorker.REFUSED)) {
                throw new PreviewUnavailableException(answer.substring(PreviewWorker.REFUSED.length()));
            }
            if (!PreviewWorker.OK.equals(answer)) {
                // no answer in time, or the process ended (the JVM's own last words may come first)
                String reason = answer == null ? "drawing the page takes more than " + limits.timeLimit().toMillis()
                        + " ms of processor time" : worker.endedOutOfMemory() ? "drawing the page needs more memory than "
                        + limits.workerHeap() : "the preview process ended while drawing the page";
                worker.kill();
                worker = null;
                throw new PreviewUnavailableException(reason);
            }
        } finally {
            if (worker != null) {
                idle.offer(worker);
            }
            permits.release();
        }
    }

    private Worker start() throws PreviewUnavailableException {
        if (closed) {
            throw new PreviewUnavailableException("the service is stopping");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + limits.workerHeap(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), PreviewWorker.class.getName(),
                Integer.toString(limits.maxHeightPx()), Long.toString(limits.maxImagePixels()),
                Integer.toString(limits.maxOperators()), Long.toString(limits.timeLimit().toMillis()));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Worker worker = new Worker(process);
            all.add(worker);
            String ready = worker.answers.poll(limits.workerStartup().toMillis(), TimeUnit.MILLISECONDS);
            if (!PreviewWorker.READY.equals(ready)) {
                worker.kill();
                throw new PreviewUnavailableException("the preview process did not start");
            }
            return worker;
        } catch (IOException e) {
            LOG.error("Cannot start the preview process", e);
            throw new PreviewUnavailableException("the preview process cannot start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewUnavailableException("interrupted", e);
        }
    }

    /** How many preview processes run now (for tests and health). */
    int running() {
        synchronized (all) {
            all.removeIf(w -> !w.process.isAlive());
            return all.size();
        }
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(Worker::kill);
            all.clear();
        }
    }

    /** One process and the answers it writes, read by a thread of its own so that a wait can time out. */
    private static final class Worker {
        static final String GONE = "\u0000gone";
        final Process process;
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final Writer requests;

        Worker(Process process) {
            this.process = process;
            this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(this::readAnswers, "preview-worker-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void readAnswers() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    answers.offer(line);
                }
            } catch (IOException e) {
                // the process went away
            }
            answers.offer(GONE);
        }

        /**
         * The answer to {@code request}, {@link #GONE} if the process ended, null if it used more than
         * {@code processorTime} (all its threads) or {@code wallTime} without answering.
         */
        String ask(String request, Duration processorTime, Duration wallTime) throws PreviewUnavailableException {
            try {
                answers.clear();
                Duration cpuBefore = processorTime();
                long wallDeadline = System.nanoTime() + wallTime.toNanos();
                requests.write(request + "\n");
                requests.flush();
                while (true) {
                    String answer = answers.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    if (answer != null) {
                        return answer;
                    }
                    if (processorTime().minus(cpuBefore).compareTo(processorTime) > 0 || System.nanoTime() > wallDeadline) {
                        return null;
                    }
                }
            } catch (IOException e) {
                return GONE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PreviewUnavailableException("interrupted", e);
            }
        }

        private Duration processorTime() {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        /** Whether the process ended for want of memory (the exit status of -XX:+ExitOnOutOfMemoryError). */
        boolean endedOutOfMemory() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 3;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
