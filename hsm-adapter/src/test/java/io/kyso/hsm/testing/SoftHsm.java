package io.kyso.hsm.testing;

import io.kyso.hsm.Pkcs11Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;

/**
 * Fresh SoftHSM2 tokens for tests, each with its own label and random PINs.
 *
 * <p><b>SOFTHSM2_CONF.</b> libsofthsm2 reads the variable once, when the JVM first loads it
 * ({@code C_Initialize}), so it must be in the test JVM's environment, e.g. surefire's
 * {@code <environmentVariables><SOFTHSM2_CONF>${project.build.directory}/softhsm2.conf</SOFTHSM2_CONF>}.
 * Whatever path it names, this fixture writes the file if it is missing (token directory
 * {@code softhsm-tokens} next to it) and creates the token directory it names.
 *
 * <p><b>Tokens are created before the library is loaded.</b> SoftHSM2 2.6 reads its token directory
 * only at {@code C_Initialize}: a token that {@code softhsm2-util} creates after the JVM initialised the
 * library never appears in {@code C_GetSlotList} (checked on this machine: listing again, even with
 * tokenPresent=false, shows only the tokens of the first scan), and the JDK's PKCS#11 wrapper has no
 * {@code C_InitToken}. So the first call creates a pool of tokens in one go ({@code -Dkyso.softhsm.tokens},
 * default 16) and every call hands out the next unused one. The first call must come before anything in
 * the JVM loads libsofthsm2 (a {@code @BeforeAll}, a static initialiser, a Micronaut
 * {@code TestPropertyProvider}); if the library is already loaded, it fails instead of returning tokens
 * nobody could see. Each JVM run gets a token directory of its own; those older than an hour are removed.
 *
 * <p>If SoftHSM2 is missing, the fixture runs {@code apt-get install -y softhsm2} (after
 * {@code apt-get update} if needed) and fails if that fails; it never skips.
 */
public final class SoftHsm {
    public static final String CONF_VARIABLE = "SOFTHSM2_CONF";
    public static final String POOL_PROPERTY = "kyso.softhsm.tokens";
    public static final String LIBRARY_PROPERTY = "kyso.softhsm.library";

    private static final List<String> LIBRARY_CANDIDATES = List.of(
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/lib/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so");
    private static final String MARKER = ".kyso-softhsm-fixture";
    private static final String WRITTEN_BY = "# written by io.kyso.hsm.testing.SoftHsm";
    private static final long STALE_MILLIS = 3600L * 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RUN = random(4);
    private static final Deque<Pkcs11Config> POOL = new ArrayDeque<>();
    private static Path library;
    private static int handedOut;

    private SoftHsm() {
    }

    /** A token no one has used yet, labelled {@code kyso-<run>-<n>}, with random user and SO PINs. */
    public static synchronized Pkcs11Config freshToken() {
        if (library == null) {
            createPool();
        }
        Pkcs11Config next = POOL.pollFirst();
        if (next == null) {
            throw new IllegalStateException("All " + handedOut + " SoftHSM tokens created for this JVM are in use;"
                    + " raise -D" + POOL_PROPERTY + " (tokens cannot be added once libsofthsm2 is loaded)");
        }
        handedOut++;
        return next;
    }

    /**
     * Same as {@link #freshToken()}; {@code labelPrefix} cannot go into the label, because the tokens
     * exist before anyone asks for them, and only names the caller in failure messages.
     */
    public static Pkcs11Config freshToken(String labelPrefix) {
        try {
            return freshToken();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(labelPrefix + ": " + e.getMessage(), e);
        }
    }

    /** The libsofthsm2 module, installing SoftHSM2 if it is missing. */
    public static synchronized Path library() {
        return library != null ? library : installed();
    }

    /**
     * Logs the whole process out of the token, which invalidates every session's login and key
     * handle: what an HSM restart or a dropped network link does to a client.
     */
    public static void logOutEverywhere(Path library, String tokenLabel) {
        try {
            PKCS11 p11 = PKCS11.getInstance(library.toString(), "C_GetFunctionList", null, false);
            for (long slot : p11.C_GetSlotList(true)) {
                if (new String(p11.C_GetTokenInfo(slot).label).trim().equals(tokenLabel)) {
                    long session = p11.C_OpenSession(slot, 4L /* CKF_SERIAL_SESSION */, null, null);
                    try {
                        p11.C_Logout(session);
                    } finally {
                        p11.C_CloseSession(session);
                    }
                    return;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot end the sessions of token " + tokenLabel, e);
        }
        throw new IllegalStateException("no slot holds token " + tokenLabel);
    }

    /**
     * How many objects the token holds (token objects only, private ones included), counted straight
     * through PKCS#11 on a session of its own: an independent look at what an HSM user stored.
     */
    public static int countTokenObjects(Pkcs11Config config) {
        try {
            PKCS11 p11 = PKCS11.getInstance(config.libraryPath().toString(), "C_GetFunctionList", null, false);
            for (long slot : p11.C_GetSlotList(true)) {
                if (!new String(p11.C_GetTokenInfo(slot).label).trim().equals(config.tokenLabel())) {
                    continue;
                }
                long session = p11.C_OpenSession(slot, 4L /* CKF_SERIAL_SESSION */, null, null);
                try {
                    try {
                        p11.C_Login(session, 1L /* CKU_USER */, config.pin());
                    } catch (sun.security.pkcs11.wrapper.PKCS11Exception e) {
                        if (e.getErrorCode() != 0x100L /* CKR_USER_ALREADY_LOGGED_IN */) {
                            throw e;
                        }
                    }
                    return countObjects(p11, session, true);
                } finally {
                    p11.C_CloseSession(session); // never logs out: the login belongs to the whole process
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot count the objects of token " + config.tokenLabel(), e);
        }
        throw new IllegalStateException("no slot holds token " + config.tokenLabel());
    }

    /**
     * What a wrapping key provisioned by hand may lack: each flaw would let someone who holds the user
     * PIN get citizens' keys out of the HSM after all.
     */
    public enum WrappingKeyFlaw {
        /** Provisioned as Kyso requires. */
        NONE,
        /** Extractable when it was made, made non-extractable afterwards: a copy may exist outside. */
        ONCE_EXTRACTABLE,
        /** Readable (not sensitive) when it was made, sensitive afterwards: its value may have been read. */
        ONCE_READABLE,
        /** Good for deriving keys: a derivation can turn its value into a key that can be read. */
        DERIVES,
        /** Good for decrypting: wrapped blobs decrypt to private keys in the clear. */
        DECRYPTS,
        /** Not good for wrapping: it cannot be the key citizens' keys are wrapped under. */
        CANNOT_WRAP
    }

    /**
     * Creates an AES-256 token key labelled {@code label}, as an HSM administrator would provision the
     * wrapping key, with {@code flaw}: straight through PKCS#11, as the vendor's tools would.
     */
    public static void provisionWrappingKey(Pkcs11Config config, String label, WrappingKeyFlaw flaw) {
        withUserSession(config, (p11, session) -> {
            long handle = p11.C_GenerateKey(session,
                    new sun.security.pkcs11.wrapper.CK_MECHANISM(0x1080L /* CKM_AES_KEY_GEN */), new CK_ATTRIBUTE[] {
                        new CK_ATTRIBUTE(0x0L /* CKA_CLASS */, 0x4L /* CKO_SECRET_KEY */),
                        new CK_ATTRIBUTE(0x100L /* CKA_KEY_TYPE */, 0x1FL /* CKK_AES */),
                        new CK_ATTRIBUTE(0x161L /* CKA_VALUE_LEN */, 32L),
                        new CK_ATTRIBUTE(0x1L /* CKA_TOKEN */, true),
                        new CK_ATTRIBUTE(0x2L /* CKA_PRIVATE */, true),
                        new CK_ATTRIBUTE(0x103L /* CKA_SENSITIVE */, flaw != WrappingKeyFlaw.ONCE_READABLE),
                        new CK_ATTRIBUTE(0x162L /* CKA_EXTRACTABLE */, flaw == WrappingKeyFlaw.ONCE_EXTRACTABLE),
                        new CK_ATTRIBUTE(0x106L /* CKA_WRAP */, flaw != WrappingKeyFlaw.CANNOT_WRAP),
                        new CK_ATTRIBUTE(0x107L /* CKA_UNWRAP */, true),
                        new CK_ATTRIBUTE(0x105L /* CKA_DECRYPT */, flaw == WrappingKeyFlaw.DECRYPTS),
                        new CK_ATTRIBUTE(0x10CL /* CKA_DERIVE */, flaw == WrappingKeyFlaw.DERIVES),
                        new CK_ATTRIBUTE(0x3L /* CKA_LABEL */, label),
                    });
            if (flaw == WrappingKeyFlaw.ONCE_EXTRACTABLE) {
                p11.C_SetAttributeValue(session, handle, new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(0x162L, false)});
            }
            if (flaw == WrappingKeyFlaw.ONCE_READABLE) {
                p11.C_SetAttributeValue(session, handle, new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(0x103L, true)});
            }
            return handle;
        });
    }

    /** A PKCS#11 call on a logged-in read-write session of the token. */
    @FunctionalInterface
    private interface SessionCall<T> {
        T call(PKCS11 p11, long session) throws sun.security.pkcs11.wrapper.PKCS11Exception;
    }

    private static <T> T withUserSession(Pkcs11Config config, SessionCall<T> call) {
        try {
            PKCS11 p11 = PKCS11.getInstance(config.libraryPath().toString(), "C_GetFunctionList", null, false);
            for (long slot : p11.C_GetSlotList(true)) {
                if (!new String(p11.C_GetTokenInfo(slot).label).trim().equals(config.tokenLabel())) {
                    continue;
                }
                long session = p11.C_OpenSession(slot, 4L /* CKF_SERIAL_SESSION */ | 2L /* CKF_RW_SESSION */, null, null);
                try {
                    try {
                        p11.C_Login(session, 1L /* CKU_USER */, config.pin());
                    } catch (sun.security.pkcs11.wrapper.PKCS11Exception e) {
                        if (e.getErrorCode() != 0x100L /* CKR_USER_ALREADY_LOGGED_IN */) {
                            throw e;
                        }
                    }
                    return call.call(p11, session);
                } finally {
                    p11.C_CloseSession(session); // never logs out: the login belongs to the whole process
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot work in token " + config.tokenLabel(), e);
        }
        throw new IllegalStateException("no slot holds token " + config.tokenLabel());
    }

    /** How many token objects ({@code tokenObjects}) or session objects a session of the token sees. */
    public static int countObjects(PKCS11 p11, long session, boolean tokenObjects)
            throws sun.security.pkcs11.wrapper.PKCS11Exception {
        p11.C_FindObjectsInit(session, new sun.security.pkcs11.wrapper.CK_ATTRIBUTE[] {
            new sun.security.pkcs11.wrapper.CK_ATTRIBUTE(0x1L /* CKA_TOKEN */, tokenObjects)});
        try {
            int count = 0;
            for (long[] found = p11.C_FindObjects(session, 1000); found.length > 0;
                 found = p11.C_FindObjects(session, 1000)) {
                count += found.length;
            }
            return count;
        } finally {
            p11.C_FindObjectsFinal(session);
        }
    }

    /**
     * The directory that holds every token of this JVM ({@code directories.tokendir} of the file
     * SOFTHSM2_CONF names). Moving it away takes every token of the library away at once.
     */
    public static synchronized Path tokenRoot() {
        try {
            return tokenDir(Path.of(System.getenv(CONF_VARIABLE)).toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the token directory from " + CONF_VARIABLE, e);
        }
    }

    /**
     * The directory SoftHSM2's file backend keeps one token's objects in: the sub-directory of
     * {@link #tokenRoot()} whose {@code token.object} holds the token's label (as PKCS#11 pads it, to 32
     * bytes with blanks, so that {@code kyso-x-1} does not match {@code kyso-x-10}). Moving it away is
     * what losing that token's storage does to a running process.
     */
    public static Path tokenDirectory(Pkcs11Config config) {
        return tokenDirectory(config.tokenLabel());
    }

    /** Same as {@link #tokenDirectory(Pkcs11Config)}, for the token labelled {@code tokenLabel}. */
    public static Path tokenDirectory(String tokenLabel) {
        byte[] label = Arrays.copyOf(tokenLabel.getBytes(StandardCharsets.UTF_8), 32);
        for (int i = tokenLabel.getBytes(StandardCharsets.UTF_8).length; i < label.length; i++) {
            label[i] = ' ';
        }
        try (var entries = Files.list(tokenRoot())) {
            for (Path token : entries.filter(Files::isDirectory).toList()) {
                Path object = token.resolve("token.object");
                if (Files.isRegularFile(object) && contains(Files.readAllBytes(object), label)) {
                    return token;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the token directory " + tokenRoot(), e);
        }
        throw new IllegalStateException("no token directory under " + tokenRoot() + " holds token " + tokenLabel);
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A config naming the same token with a different PIN. */
    public static Pkcs11Config withWrongPin(Pkcs11Config config) {
        return new Pkcs11Config(config.libraryPath(), config.tokenLabel(), ("wrong-" + random(4)).toCharArray());
    }

    private static void createPool() {
        Path lib = installed();
        Path tokenDir = prepareConf();
        requireLibraryNotLoaded();
        int size = Integer.getInteger(POOL_PROPERTY, 16);
        for (int i = 1; i <= size; i++) {
            POOL.add(initToken(lib, "kyso-" + RUN + "-" + i));
        }
        library = lib;
    }

    private static Pkcs11Config initToken(Path lib, String label) {
        String pin = random(6);
        Processes.run(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                "--so-pin", random(6))).requireSuccess("softhsm2-util --init-token --label " + label);
        return new Pkcs11Config(lib, label, pin.toCharArray());
    }

    private static Path installed() {
        Optional<Path> found = findLibrary();
        if (found.isPresent() && Processes.onPath("softhsm2-util")) {
            return found.get();
        }
        List<String> install = List.of("apt-get", "install", "-y", "softhsm2");
        if (Processes.run(install).exit() != 0) {
            Processes.run(List.of("apt-get", "update")).requireSuccess("apt-get update");
            Processes.run(install).requireSuccess("apt-get install -y softhsm2");
        }
        return findLibrary().filter(path -> Processes.onPath("softhsm2-util")).orElseThrow(() ->
                new IllegalStateException("softhsm2 is installed but libsofthsm2.so is in none of "
                        + LIBRARY_CANDIDATES + " or softhsm2-util is not on the PATH; set -D" + LIBRARY_PROPERTY));
    }

    private static Optional<Path> findLibrary() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        return LIBRARY_CANDIDATES.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    /** @return the token directory of the file SOFTHSM2_CONF names, both created if missing */
    private static Path prepareConf() {
        String value = System.getenv(CONF_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(CONF_VARIABLE + " is not set in this JVM's environment. libsofthsm2"
                    + " reads it once, when loaded, so set it for the whole test JVM, e.g. surefire <environmentVariables>"
                    + "<SOFTHSM2_CONF>${project.build.directory}/softhsm2.conf</SOFTHSM2_CONF></environmentVariables>");
        }
        Path conf = Path.of(value).toAbsolutePath();
        try {
            if (!Files.exists(conf) || Files.readString(conf).startsWith(WRITTEN_BY)) {
                writeConf(conf);
            }
            Path tokenDir = tokenDir(conf);
            Files.createDirectories(tokenDir);
            return tokenDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare SoftHSM2 configuration " + conf, e);
        }
    }

    /**
     * Points the configuration at a token directory of this run's own: softhsm2-util scans every
     * token of its directory on each call, so a directory shared by many runs makes creating the
     * pool slower with every run.
     */
    private static void writeConf(Path conf) throws IOException {
        Files.createDirectories(conf.getParent());
        Path runs = conf.resolveSibling(conf.getFileName() + "-tokens");
        Files.createDirectories(runs);
        Files.writeString(runs.resolve(MARKER), "token directories of io.kyso.hsm.testing.SoftHsm\n");
        removeStaleTokens(runs);
        Path tokenDir = runs.resolve(RUN);
        Files.createDirectories(tokenDir);
        String text = WRITTEN_BY + "\n"
                + "directories.tokendir = " + tokenDir + "\n"
                + "objectstore.backend = file\n"
                + "log.level = ERROR\n"
                + "slots.removable = false\n"
                + "slots.mechanisms = ALL\n"
                + "library.reset_on_fork = false\n";
        Path temporary = Files.createTempFile(conf.getParent(), "softhsm2", ".conf");
        Files.writeString(temporary, text);
        Files.move(temporary, conf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path tokenDir(Path conf) throws IOException {
        for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("directories.tokendir")) {
                return Path.of(trimmed.substring(trimmed.indexOf('=') + 1).trim());
            }
        }
        throw new IllegalStateException("SoftHSM2 configuration " + conf + " names no directories.tokendir");
    }

    private static void requireLibraryNotLoaded() {
        Path maps = Path.of("/proc/self/maps");
        try {
            if (Files.isReadable(maps) && Files.readString(maps).contains("libsofthsm2")) {
                throw new IllegalStateException("libsofthsm2 was loaded in this JVM before the first"
                        + " SoftHsm.freshToken() call. SoftHSM2 does not see tokens created after it is initialised,"
                        + " so call SoftHsm.freshToken() before anything opens the library");
            }
        } catch (IOException e) {
            // not Linux, or not readable: the open of a token will report an unknown label instead
        }
    }

    private static void removeStaleTokens(Path tokenDir) {
        if (!Files.exists(tokenDir.resolve(MARKER))) {
            return;
        }
        long limit = System.currentTimeMillis() - STALE_MILLIS;
        try (var entries = Files.list(tokenDir)) {
            for (Path token : entries.filter(Files::isDirectory).toList()) {
                if (Files.getLastModifiedTime(token).toMillis() < limit) {
                    Processes.deleteTree(token);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean SoftHSM2 token directory " + tokenDir, e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
