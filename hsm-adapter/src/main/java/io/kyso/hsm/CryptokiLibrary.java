package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_OS_LOCKING_OK;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Provider;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * One PKCS#11 library as this process shares it, and its re-initialisation after the token was lost.
 *
 * <p><b>Why re-initialise.</b> SoftHSM2 2.6.1 (Debian's), checked on this machine with its token
 * directory moved away under a logged-in process and moved back:
 * <ul>
 *   <li>while it is away, {@code C_GetSlotList} still lists the slot, {@code C_GetTokenInfo} answers
 *       CKR_GENERAL_ERROR, {@code C_FindObjects} finds nothing (so a key "does not exist"), and signing
 *       or unwrapping with a handle found before answers CKR_OBJECT_HANDLE_INVALID /
 *       CKR_UNWRAPPING_KEY_HANDLE_INVALID; sessions survive, still logged in, new ones open and
 *       {@code C_Login} answers CKR_USER_ALREADY_LOGGED_IN; session objects (a key SunPKCS11 generated
 *       as a session object) still sign;</li>
 *   <li>when it is back, nothing changes: the token object marked itself invalid for good at its first
 *       failed re-index, and the library reads its token directory only in {@code C_Initialize};</li>
 *   <li>{@code C_Finalize} then {@code C_Initialize} re-reads the directory: the token is listed again
 *       (same slot number), every session handle of before answers CKR_SESSION_HANDLE_INVALID, new
 *       session and object handles start again from 1 (so an old handle may now name another session
 *       or object), and the token must be logged in to again; a SunPKCS11 provider configured before
 *       fails with CKR_SESSION_HANDLE_INVALID from its pooled sessions;</li>
 *   <li>{@code C_Initialize} while the directory is still missing answers CKR_GENERAL_ERROR and leaves
 *       the library uninitialised (every call answers CKR_CRYPTOKI_NOT_INITIALIZED) until a later
 *       {@code C_Initialize} succeeds; with only the token's own sub-directory missing, it succeeds
 *       without that token; it takes every sub-directory of the token directory for a token, whatever its
 *       name (a token directory renamed in place is found again).</li>
 * </ul>
 *
 * <p><b>How, without reflection.</b> The JDK keeps one wrapper per library path string and calls
 * {@code C_Initialize} only when it creates one; its {@code C_Finalize} is public, its
 * {@code C_Initialize} is not. So after {@code C_Finalize} on the cached wrapper, the library is
 * initialised again by asking the JDK for a wrapper of an equivalent, not yet used path
 * ({@code /dir/./lib.so}, {@code /dir/././lib.so}, ...): the dynamic loader hands back the library
 * already loaded (same file), and the JDK calls {@code C_Initialize} on it. The cached wrapper, which
 * every {@link Cryptoki} and SunPKCS11 provider of the original path uses, works again. A failed
 * {@code C_Initialize} leaves no wrapper behind, so its path is used again at the next attempt.
 *
 * <p><b>Safety.</b> {@code C_Finalize} must not run while another thread is inside the library (the
 * library frees what that call uses), and no handle of before may be used after it (handle numbers are
 * reused). So every call the adapter makes runs under the shared side of a read-write lock and names
 * the generation it was opened in; re-initialisation takes the exclusive side (waiting for calls in
 * flight to end, or giving up after {@link #DRAIN_TIMEOUT}) and starts a new generation; a call of an
 * older generation is refused before it reaches the library ({@link StaleConnectionException}).
 * SunPKCS11 also calls the library from its own cleaner thread when one of its sessions or session
 * keys is garbage collected ({@code C_CloseSession}, {@code C_DestroyObject} with the old numbers); so
 * every provider configured on the library is kept reachable for the life of the process, and the
 * adapter creates no SunPKCS11 session keys that could be collected later (see {@link KeyPairs}).
 * Another SunPKCS11 user of the same library in this process, outside the adapter, is not protected:
 * the adapter must be the library's only user.
 */
final class CryptokiLibrary {
    /** The shortest time between two re-initialisations: an outage must not spin. */
    static final Duration REINITIALISE_INTERVAL = Duration.ofSeconds(5);
    /** How long re-initialisation waits for the calls in flight to leave the library. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    /** After this many re-initialisations in a row that could not drain the calls in flight, give up. */
    private static final int DRAIN_FAILURES_BEFORE_RESTART = 3;

    private static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
    private static final System.Logger LOG = System.getLogger(CryptokiLibrary.class.getName());
    private static final ConcurrentMap<String, CryptokiLibrary> LOADED = new ConcurrentHashMap<>();

    private final String path;
    private final PKCS11 p11;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long generation;
    private volatile String restartRequired;
    /** Guarded by {@code this}. */
    private boolean initialised = true;
    private long lastAttempt;
    private boolean attempted;
    private int aliasesUsed;
    private int drainFailures;
    /** Not under {@code this}: a call holding the shared lock adds to it while re-initialisation waits. */
    private final Queue<Provider> providers = new ConcurrentLinkedQueue<>();

    private CryptokiLibrary(String path, PKCS11 p11) {
        this.path = path;
        this.p11 = p11;
    }

    /** The library at {@code path} (absolute, normalised), loaded and initialised once per process. */
    static CryptokiLibrary load(String path, String label) {
        CryptokiLibrary known = LOADED.get(path);
        if (known != null) {
            return known;
        }
        synchronized (LOADED) {
            return LOADED.computeIfAbsent(path, p -> new CryptokiLibrary(p, wrapper(p, label)));
        }
    }

    private static PKCS11 wrapper(String path, String label) {
        try {
            return PKCS11.getInstance(path, "C_GetFunctionList", initArgs(), false);
        } catch (IOException | PKCS11Exception | RuntimeException e) {
            throw new TokenUnavailableException("Cannot load PKCS#11 library " + path + " for token '" + label
                    + "': " + e.getMessage(), e);
        }
    }

    private static CK_C_INITIALIZE_ARGS initArgs() {
        CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
        args.flags = CKF_OS_LOCKING_OK; // as SunPKCS11 does, so both get the same cached wrapper
        return args;
    }

    PKCS11 p11() {
        return p11;
    }

    String path() {
        return path;
    }

    long generation() {
        return generation;
    }

    /** Why the library cannot be re-initialised in this process any more, or null. */
    String restartRequired() {
        return restartRequired;
    }

    /** Keeps a SunPKCS11 provider of this library reachable for good (see the class comment). */
    void keep(Provider provider) {
        providers.add(provider);
    }

    @FunctionalInterface
    interface LibraryCall<T, E extends Exception> {
        T call() throws E;
    }

    /**
     * Runs {@code call} while no re-initialisation can start, if the library is still in generation
     * {@code opened}; else throws {@link StaleConnectionException} without touching the library.
     */
    <T, E extends Exception> T call(long opened, String label, LibraryCall<T, E> call) throws E {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            if (opened != generation) {
                throw new StaleConnectionException("PKCS#11 library " + path + " was re-initialised since token '"
                        + label + "' was opened on it");
            }
            return call.call();
        } finally {
            shared.unlock();
        }
    }

    /**
     * Finalises and initialises the library again, unless someone did since {@code seen} (then true at
     * once) or the last attempt was less than {@link #REINITIALISE_INTERVAL} ago (then false).
     *
     * @return whether the library is now in a later generation than {@code seen}
     */
    synchronized boolean reinitialise(long seen, String why) {
        if (generation != seen) {
            return true;
        }
        long now = System.nanoTime();
        if (restartRequired != null || attempted && now - lastAttempt < REINITIALISE_INTERVAL.toNanos()) {
            return false;
        }
        attempted = true;
        lastAttempt = now;
        Lock exclusive = lock.writeLock();
        if (!tryLock(exclusive)) {
            drainFailed(why);
            return false;
        }
        try {
            drainFailures = 0;
            finalizeQuietly();
            generation++; // every handle of before is void, whether C_Initialize succeeds or not
            initialise();
            LOG.log(System.Logger.Level.WARNING, "PKCS#11 library {0} re-initialised ({1}): {2}", path, why,
                    initialised ? "initialised" : "C_Initialize failed, will try again");
            return true;
        } finally {
            exclusive.unlock();
        }
    }

    private static boolean tryLock(Lock exclusive) {
        try {
            return exclusive.tryLock(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void drainFailed(String why) {
        drainFailures++;
        LOG.log(System.Logger.Level.WARNING, "PKCS#11 library {0} not re-initialised ({1}): a call has been inside"
                + " it for more than {2} s", path, why, DRAIN_TIMEOUT.toSeconds());
        if (drainFailures >= DRAIN_FAILURES_BEFORE_RESTART) {
            // finalising under a call that never returns could crash the JVM; only a new process is safe
            restartRequired = "a call has been stuck inside PKCS#11 library " + path + " for more than "
                    + DRAIN_FAILURES_BEFORE_RESTART + " x " + DRAIN_TIMEOUT.toSeconds() + " s, so it cannot be"
                    + " re-initialised safely in this process";
        }
    }

    private void finalizeQuietly() {
        if (!initialised) {
            return;
        }
        try {
            p11.C_Finalize(null);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_CRYPTOKI_NOT_INITIALIZED) {
                LOG.log(System.Logger.Level.WARNING, "C_Finalize of {0} answered {1}", path, e.getMessage());
            }
        }
        initialised = false;
    }

    /** C_Initialize through a wrapper of an equivalent path the JDK has not cached yet. */
    private void initialise() {
        try {
            PKCS11.getInstance(alias(aliasesUsed + 1), "C_GetFunctionList", initArgs(), false);
            aliasesUsed++;
            initialised = true;
        } catch (PKCS11Exception e) {
            // e.g. CKR_GENERAL_ERROR from SoftHSM2 while its token directory is missing: try again later
            LOG.log(System.Logger.Level.WARNING, "C_Initialize of {0} answered {1}", path, e.getMessage());
        } catch (IOException | RuntimeException e) {
            restartRequired = "PKCS#11 library " + path + " cannot be loaded again in this process: " + e;
        }
    }

    /** {@code /dir/lib.so} as {@code /dir/./lib.so}, {@code /dir/././lib.so}, ...: the same file. */
    String alias(int n) {
        Path file = Path.of(path);
        return file.getParent().resolve("./".repeat(n) + file.getFileName()).toString();
    }
}
