package io.kyso.signer.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** Runs the command-line tools the tests check with, installing their Debian package when one is missing. */
public final class ExternalTools {

    /** What a command printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    public static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
        dir.toFile().delete();
    }

    /** Installs {@code debianPackage} with apt-get if {@code command} is not on the PATH; fails if it cannot. */
    public static synchronized void ensureTool(String command, String debianPackage) {
        if (onPath(command)) {
            return;
        }
        Result install = run("apt-get", "install", "-y", debianPackage);
        if (install.exitCode() != 0) {
            Result update = run("apt-get", "update");
            install = run("apt-get", "install", "-y", debianPackage);
            if (install.exitCode() != 0) {
                throw new AssertionError(command + " is missing and " + debianPackage + " cannot be installed:\n"
                        + update.output() + install.output());
            }
        }
        if (!onPath(command)) {
            throw new AssertionError(debianPackage + " installed but " + command + " is not on PATH:\n"
                    + install.output());
        }
    }

    private static boolean onPath(String command) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        return Pattern.compile(File.pathSeparator, Pattern.LITERAL).splitAsStream(path)
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Runs a command to completion; output is stdout and stderr together. */
    public static Result run(String... command) {
        return runIn(null, command);
    }

    /** As {@link #run(String...)}, in {@code directory} (null: this process's). */
    public static Result runIn(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory == null ? null : directory.toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }
}
