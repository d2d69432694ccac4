package io.kyso.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * signer-service in a JVM of its own, started as {@code scripts/run} starts it (dev environment,
 * SoftHSM2 token and H2 database in a fresh data folder, development CA), so that the load driver
 * and the service do not share a heap or a garbage collector. Listens on a free loopback port.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LABEL = "kyso-bench";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ProcessBuilder builder;
    private Process process;
    private final Path dataDir;
    private final URI base;
    private final String apiKey;
    private final String pin;
    private final Launch launch;

    /**
     * @param classpath  signer-service's classes and runtime class path
     * @param jvmArgs    e.g. {@code -Xmx256m}, a GC log, a flight recording
     * @param env        settings on top of the development ones, e.g. {@code KYSO_SIGNING_MAX_DOCUMENT_BYTES}
     */
    public record Launch(String classpath, String library, List<String> jvmArgs, Map<String, String> env) {
    }

    private ServiceProcess(ProcessBuilder builder, Path dataDir, URI base, String apiKey, String pin, Launch launch)
            throws IOException {
        this.builder = builder;
        this.pin = pin;
        this.launch = launch;
        this.process = builder.start();
        this.dataDir = dataDir;
        this.base = base;
        this.apiKey = apiKey;
    }

    public static ServiceProcess start(Path dataDir, Launch launch) throws IOException, InterruptedException {
        Files.createDirectories(dataDir.resolve("softhsm/tokens"));
        Path conf = dataDir.resolve("softhsm/softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + dataDir.resolve("softhsm/tokens") + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        String pin = random(8);
        String label = LABEL;
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", pin, "--so-pin", random(8)).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("softhsm/init.log").toFile());
        init.environment().put("SOFTHSM2_CONF", conf.toString());
        if (init.start().waitFor() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed; see " + dataDir.resolve("softhsm/init.log"));
        }
        int port = freePort();
        String apiKey = "kyso_bench_" + random(16);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"));
        command.addAll(launch.jvmArgs());
        command.addAll(List.of("-cp", launch.classpath(), "-Dmicronaut.server.port=" + port,
                "-Dmicronaut.server.host=127.0.0.1", "io.kyso.signer.Application"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SOFTHSM2_CONF", conf.toString());
        env.put("MICRONAUT_ENVIRONMENTS", "dev");
        env.put("KYSO_DATA_DIR", dataDir.toString());
        env.put("KYSO_HSM_LIBRARY", launch.library());
        env.put("KYSO_HSM_TOKEN_LABEL", label);
        env.put("KYSO_HSM_PIN", pin);
        env.put("KYSO_OTP_HASH_KEY", Base64.getEncoder().encodeToString(RANDOM.generateSeed(32)));
        env.put("KYSO_TOTP_SEED_KEY", Base64.getEncoder().encodeToString(RANDOM.generateSeed(32)));
        env.put("KYSO_DEV_API_KEY", apiKey);
        env.put("KYSO_DEV_WEBHOOK_SECRET", "whsec_" + random(20));
        env.putAll(launch.env());
        ServiceProcess service = new ServiceProcess(builder, dataDir, URI.create("http://127.0.0.1:" + port), apiKey, pin,
                launch);
        try {
            service.awaitReady(Duration.ofSeconds(180));
        } catch (RuntimeException | InterruptedException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited (" + process.exitValue() + "); see " + log());
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log());
    }

    /**
     * Stops the service and starts it again on the same token, database and documents, as an
     * operator's restart does; returns the milliseconds until it was ready again.
     */
    public long restart() throws IOException, InterruptedException {
        close();
        long start = System.nanoTime();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        process = builder.start();
        awaitReady(Duration.ofMinutes(8));
        return (System.nanoTime() - start) / 1_000_000;
    }

    public URI base() {
        return base;
    }

    public String apiKey() {
        return apiKey;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return dataDir.resolve("service.log");
    }

    /** Stops the service: SIGTERM (Micronaut shuts down cleanly), then SIGKILL after 20 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
