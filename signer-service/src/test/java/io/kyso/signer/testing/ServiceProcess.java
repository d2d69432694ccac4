package io.kyso.signer.testing;

import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.testing.SoftHsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * signer-service in a JVM of its own, started like {@code scripts/run} does (environment variables,
 * the {@code dev} environment, a SoftHSM2 token of its own), with the JVM options the test chooses
 * (e.g. {@code -Xmx256m}) and a GC log from which {@link #peakHeapMegabytes()} reads the most heap
 * the service ever used. {@link #kill()} ends it with SIGKILL and {@link #restart()} starts it again
 * on the same data folder, token, secrets and port, as an operator would after a crash.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final int LOG_TAIL_BYTES = 64 * 1024;

    private final ProcessBuilder builder;
    private final URI url;
    private final Path dataDir;
    private final Path gcLog;
    private final Path output;
    private volatile Process process;

    private ServiceProcess(ProcessBuilder builder, URI url, Path dataDir) throws IOException {
        this.builder = builder;
        this.url = url;
        this.dataDir = dataDir;
        this.gcLog = dataDir.resolve("gc.log");
        this.output = dataDir.resolve("service.log");
        this.process = builder.start();
    }

    /** Starts the service with {@code jvmOptions} and {@code settings} (as environment variables) and waits until it is up. */
    public static ServiceProcess start(List<String> jvmOptions, Map<String, String> settings) throws IOException {
        return start(jvmOptions, settings, newDataDir(), SoftHsm.freshToken());
    }

    /** A fresh data folder under {@code target/}. */
    public static Path newDataDir() throws IOException {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kyso-process-");
    }

    /**
     * Starts the service on {@code dataDir} and {@code token}; {@code settings} (environment variables)
     * come last, so they may replace any default, e.g. {@code SOFTHSM2_CONF} for a token directory of its own.
     */
    public static ServiceProcess start(List<String> jvmOptions, Map<String, String> settings, Path dataDir,
                                       Pkcs11Config token) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-Xlog:gc:file=" + dataDir.resolve("gc.log"), "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "io.kyso.signer.Application"));
        // appended to, so that the log of every run on this data folder stays
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile()));
        Map<String, String> env = builder.environment();
        byte[] codeKey = new byte[32];
        byte[] seedKey = new byte[32];
        new SecureRandom().nextBytes(codeKey);
        new SecureRandom().nextBytes(seedKey);
        env.put("MICRONAUT_ENVIRONMENTS", "dev");
        env.put("KYSO_PORT", Integer.toString(port));
        env.put("KYSO_DATA_DIR", dataDir.toString());
        env.put("KYSO_HSM_LIBRARY", token.libraryPath().toString());
        env.put("KYSO_HSM_TOKEN_LABEL", token.tokenLabel());
        env.put("KYSO_HSM_PIN", new String(token.pin()));
        env.put("KYSO_OTP_HASH_KEY", Base64.getEncoder().encodeToString(codeKey));
        env.put("KYSO_TOTP_SEED_KEY", Base64.getEncoder().encodeToString(seedKey));
        env.put("KYSO_DEV_API_KEY", KysoTestService.API_KEY);
        env.put("KYSO_DEV_WEBHOOK_SECRET", KysoTestService.WEBHOOK_SECRET);
        env.putAll(settings);
        ServiceProcess service = new ServiceProcess(builder, URI.create("http://127.0.0.1:" + port), dataDir);
        service.awaitHealthy(START_PATIENCE);
        return service;
    }

    public URI url() {
        return url;
    }

    /** The data folder: database (H2), document store, logs. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Ends the whole process at once with SIGKILL ({@code kill -9}; what {@link Process#destroyForcibly()}
     * sends on Linux), any process it started too, and waits until it is gone.
     *
     * @return its exit status: 137 (128 + SIGKILL) when the signal ended it
     */
    public int kill() throws InterruptedException {
        Process running = process;
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        if (!running.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the service did not die within a minute of SIGKILL");
        }
        return running.exitValue();
    }

    /** Starts the service again on the same data folder, token, secrets and port, and waits until it is healthy. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the service still runs; kill or close it first");
        }
        process = builder.start();
        awaitHealthy(START_PATIENCE);
    }

    /** The newest code the development outbox holds for {@code phone}. */
    public String latestCode(String phone) throws IOException, InterruptedException {
        String outbox = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/dev/outbox?phone="
                + phone.replace("+", "%2B"))).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher code = CODE.matcher(outbox);
        if (!code.find()) {
            throw new AssertionError("no code in the outbox: " + outbox);
        }
        return code.group(1);
    }

    /** The largest heap occupancy the GC log shows, before any collection, in MB; empty if no GC ran. */
    public OptionalLong peakHeapMegabytes() throws IOException {
        try (var lines = Files.lines(gcLog)) {
            return lines.map(GC_PAUSE::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).max();
        }
    }

    /** The heap the JVM had reserved at most (the -Xmx bound it grew towards), in MB. */
    public OptionalLong committedHeapMegabytes() throws IOException {
        try (var lines = Files.lines(gcLog)) {
            return lines.map(GC_PAUSE::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(3))).max();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the service still runs, or how it ended, and its log: for failure messages. */
    public String describe() {
        String state = process.isAlive() ? "running" : "exited with status " + process.exitValue()
                + (process.exitValue() > 128 ? " (signal " + (process.exitValue() - 128) + ")" : "");
        return "service " + state + "; its log:\n" + log();
    }

    /** The end of the service's own log (its last 64 KiB: the log of every run is kept), for failure messages. */
    public String log() {
        try (SeekableByteChannel file = Files.newByteChannel(output)) {
            long size = file.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, LOG_TAIL_BYTES));
            file.position(size - tail.capacity());
            while (tail.hasRemaining() && file.read(tail) > 0) {
                // reads until the tail is full
            }
            return (size > tail.capacity() ? "(…)" : "") + new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthy(Duration patience) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited: " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("the service did not come up within " + patience + ": " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Process running = process;
        running.destroy();
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }
}
