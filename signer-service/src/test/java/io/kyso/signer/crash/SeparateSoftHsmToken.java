package io.kyso.signer.crash;

import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.testing.SoftHsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token in a token directory that only one service uses, made as {@code scripts/run}
 * makes it ({@code <data>/softhsm/softhsm2.conf}, {@code softhsm2-util --init-token}): the
 * service gets the configuration through {@code SOFTHSM2_CONF}, and the test can take the whole
 * token directory away and put it back, as an operator whose HSM goes away does, without touching
 * the tokens of any other test.
 */
final class SeparateSoftHsmToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path conf;
    private final Path tokens;
    private final Path away;
    private final Pkcs11Config config;

    private SeparateSoftHsmToken(Path conf, Path tokens, Pkcs11Config config) {
        this.conf = conf;
        this.tokens = tokens;
        this.away = tokens.resolveSibling("tokens-away");
        this.config = config;
    }

    /** Creates the configuration and a token labelled {@code label} under {@code dataDir/softhsm}. */
    static SeparateSoftHsmToken create(Path dataDir, String label) throws IOException, InterruptedException {
        Path softhsm = Files.createDirectories(dataDir.resolve("softhsm"));
        Path tokens = Files.createDirectories(softhsm.resolve("tokens"));
        Path conf = softhsm.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
        String pin = random();
        ProcessBuilder init = new ProcessBuilder(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", pin, "--so-pin", random())).redirectErrorStream(true);
        init.environment().put(SoftHsm.CONF_VARIABLE, conf.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
        }
        return new SeparateSoftHsmToken(conf, tokens, new Pkcs11Config(SoftHsm.library(), label, pin.toCharArray()));
    }

    Pkcs11Config config() {
        return config;
    }

    /** The environment that points the service's libsofthsm2 at this token directory. */
    Map<String, String> environment() {
        return Map.of(SoftHsm.CONF_VARIABLE, conf.toString());
    }

    /** Moves the token directory away: the token's files are gone for the library. */
    void takeAway() throws IOException {
        Files.move(tokens, away, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Puts the token directory back where the configuration names it. */
    void putBack() throws IOException {
        Files.move(away, tokens, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
