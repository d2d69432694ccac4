package io.kyso.signer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for the tests of this JVM: Debian's PostgreSQL (installed with
 * apt-get when missing), initialised in a temporary folder, on a free loopback port, stopped and
 * removed when the JVM exits. Each call to {@link #newDatabase()} creates an empty database.
 * Root cannot run PostgreSQL, so as root the cluster runs as the {@code postgres} user.
 */
public final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres cluster;

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private Postgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The JVM's cluster, started on first use. */
    public static synchronized Postgres cluster() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
        }
        return cluster;
    }

    /** A fresh, empty database; returns its JDBC URL (user {@link #USER}, no password: trust on loopback). */
    public String newDatabase() {
        String name = "kyso_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public static final String USER = "postgres";

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Postgres start() {
        Path bin = binaries();
        try {
            Path dataDir = Files.createTempDirectory("kyso-pg-");
            Path socketDir = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-sock"));
            asClusterOwner(List.of("chown", "-R", USER + ":" + USER, dataDir.toString(), socketDir.toString()), true);
            int port = freePort();
            run(asPostgres(bin.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--no-sync"));
            run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-w",
                    "-l", dataDir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c max_connections=300", "start"));
            return new Postgres(bin, dataDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        try {
            run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m",
                    "immediate", "stop"));
        } catch (RuntimeException ignored) {
            // the JVM is exiting; a stray cluster in /tmp is harmless and removed below if possible
        }
        for (Path dir : List.of(dataDir, dataDir.resolveSibling(dataDir.getFileName() + "-sock"))) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: the JVM is exiting
            }
        }
    }

    /** Debian's PostgreSQL binaries, installing the server when missing. */
    private static Path binaries() {
        Path found = findBinaries();
        if (found == null) {
            if (exit(List.of("apt-get", "install", "-y", "-qq", "postgresql")) != 0) {
                run(List.of("apt-get", "update", "-qq"));
                run(List.of("apt-get", "install", "-y", "-qq", "postgresql"));
            }
            found = findBinaries();
        }
        if (found == null) {
            throw new IllegalStateException("PostgreSQL is installed but no /usr/lib/postgresql/*/bin/initdb was found");
        }
        return found;
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void asClusterOwner(List<String> command, boolean onlyAsRoot) {
        if (!onlyAsRoot || isRoot()) {
            run(command);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) {
        int exit = exit(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit);
        }
    }

    private static int exit(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
