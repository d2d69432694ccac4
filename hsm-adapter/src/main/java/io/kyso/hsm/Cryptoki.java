package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_RW_SESSION;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_SERIAL_SESSION;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The adapter's own, direct view of one token through the JDK's PKCS#11 wrapper: finds the slot by
 * label, logs in, keeps an anchor session open, and lends sessions to {@link TokenObjects}.
 *
 * <p>The wrapper object is the one SunPKCS11 uses for the same library path ({@code PKCS11.getInstance}
 * caches it per path and calls {@code C_Initialize} once), so both share one login.
 *
 * <p>An instance belongs to one generation of its {@link CryptokiLibrary}: every call runs through
 * {@link #guarded}, and once the library was re-initialised the instance refuses to reach it
 * ({@link StaleConnectionException}): its session and object handles may name others' now.
 *
 * <p>Nothing here logs out or closes sessions it did not open: a logout would end the login of every
 * other user of the token in this process. The anchor session keeps the login alive while this
 * instance is open, even if SunPKCS11 closes its own idle sessions.
 */
final class Cryptoki implements AutoCloseable {
    // PKCS#11 return values, as the specification numbers them
    private static final long CKR_PIN_INCORRECT = 0xA0;
    private static final long CKR_PIN_INVALID = 0xA1;
    private static final long CKR_PIN_LEN_RANGE = 0xA2;
    private static final long CKR_PIN_EXPIRED = 0xA3;
    private static final long CKR_PIN_LOCKED = 0xA4;
    private static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    private static final long CKR_USER_PIN_NOT_INITIALIZED = 0x102;

    private static final Object LOGIN_LOCK = new Object();

    private final CryptokiLibrary lib;
    private final long generation;
    private final PKCS11 p11;
    private final String library;
    private final String label;
    private final long slot;
    private final String tokenKey;
    private final long anchor;
    private final Deque<Long> idle = new ConcurrentLinkedDeque<>();
    /** Sessions that must be closed rather than pooled when their call ends (see {@link #discardAfterUse}). */
    private final java.util.Set<Long> discard = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Cryptoki(CryptokiLibrary lib, long generation, String label, long slot, String serial, long anchor) {
        this.lib = lib;
        this.generation = generation;
        this.p11 = lib.p11();
        this.library = lib.path();
        this.label = label;
        this.slot = slot;
        this.tokenKey = library + "|" + slot + "|" + serial;
        this.anchor = anchor;
    }

    /** Loads the library, finds the token labelled {@code label} and opens an anchor session on it. */
    static Cryptoki connect(Path libraryPath, String label) {
        String library = libraryPath.toAbsolutePath().normalize().toString();
        if (!Files.isRegularFile(Path.of(library))) {
            throw new TokenUnavailableException("PKCS#11 library " + library + " is missing or not a regular file (token '"
                    + label + "')");
        }
        CryptokiLibrary lib = CryptokiLibrary.load(library, label);
        long generation = lib.generation();
        return lib.call(generation, label, () -> {
            PKCS11 p11 = lib.p11();
            long slot = findSlot(p11, library, label);
            try {
                String serial = new String(p11.C_GetTokenInfo(slot).serialNumber).trim();
                long anchor = p11.C_OpenSession(slot, CKF_SERIAL_SESSION, null, null);
                return new Cryptoki(lib, generation, label, slot, serial, anchor);
            } catch (PKCS11Exception e) {
                throw new TokenUnavailableException("Cannot open a session on token '" + label + "' of PKCS#11 library "
                        + library + ": " + e.getMessage(), e);
            }
        });
    }

    private static long findSlot(PKCS11 p11, String library, String label) {
        List<Long> matches = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            for (long candidate : p11.C_GetSlotList(true)) {
                String candidateLabel = labelOf(p11, candidate);
                seen.add(candidateLabel);
                if (label.equals(candidateLabel)) {
                    matches.add(candidate);
                }
            }
        } catch (PKCS11Exception e) {
            throw new TokenUnavailableException("Cannot list the slots of PKCS#11 library " + library
                    + " looking for token '" + label + "': " + e.getMessage(), e);
        }
        if (matches.size() != 1) {
            throw new TokenUnavailableException((matches.isEmpty() ? "No" : matches.size()) + " token(s) labelled '"
                    + label + "' in PKCS#11 library " + library + "; tokens present: " + seen);
        }
        return matches.get(0);
    }

    private static String labelOf(PKCS11 p11, long slot) {
        try {
            return new String(p11.C_GetTokenInfo(slot).label).trim();
        } catch (PKCS11Exception e) {
            return "<" + e.getMessage() + ">"; // the token went away between the calls
        }
    }

    /**
     * Logs the process in to the token, unless it is already, in which case the PIN must be the one the
     * token accepted before (see {@link LoginRegistry}).
     */
    void login(char[] pin) {
        guarded(() -> {
            loginOnce(pin);
            return null;
        });
    }

    private void loginOnce(char[] pin) {
        synchronized (LOGIN_LOCK) {
            try {
                if (!loggedIn()) {
                    p11.C_Login(anchor, CKU_USER, pin);
                    LoginRegistry.accepted(tokenKey, pin);
                    return;
                }
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                    throw loginFailure(e);
                }
            }
            if (!LoginRegistry.consistent(tokenKey, pin)) {
                throw new PinIncorrectException("Token '" + label + "' refused the user PIN: it differs from the PIN"
                        + " this process logged in with", null);
            }
        }
    }

    private HsmException loginFailure(PKCS11Exception e) {
        long code = e.getErrorCode();
        if (code == CKR_PIN_INCORRECT || code == CKR_PIN_INVALID || code == CKR_PIN_LEN_RANGE
                || code == CKR_PIN_EXPIRED || code == CKR_PIN_LOCKED || code == CKR_USER_PIN_NOT_INITIALIZED) {
            return new PinIncorrectException("Token '" + label + "' refused the user PIN: " + e.getMessage(), e);
        }
        return new TokenUnavailableException("Cannot log in to token '" + label + "' of PKCS#11 library " + library
                + ": " + e.getMessage(), e);
    }

    /** Whether this process is logged in; call within {@link #guarded} or {@link #withSession}. */
    boolean loggedIn() throws PKCS11Exception {
        long state = p11.C_GetSessionInfo(anchor).state;
        return state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS;
    }

    /** A cheap real round trip to the token: its info, and whether this process is still logged in. */
    TokenHealth probe() {
        String restart = lib.restartRequired();
        if (restart != null) {
            return new TokenHealth(TokenHealth.State.RESTART_REQUIRED, label, restart);
        }
        try {
            return lib.call(generation, label, this::probeOnce);
        } catch (StaleConnectionException e) {
            return new TokenHealth(false, label, e.getMessage());
        }
    }

    private TokenHealth probeOnce() {
        try {
            CK_TOKEN_INFO info = p11.C_GetTokenInfo(slot);
            String current = new String(info.label).trim();
            if (!label.equals(current)) {
                return new TokenHealth(false, label, "slot " + slot + " now holds token '" + current + "'");
            }
            if (!loggedIn()) {
                return new TokenHealth(false, label, "slot " + slot + ": not logged in");
            }
            return new TokenHealth(true, label, "slot " + slot + ", logged in, " + info.ulSessionCount + " sessions");
        } catch (PKCS11Exception e) {
            return new TokenHealth(false, label, "slot " + slot + ": " + e.getMessage());
        }
    }

    String library() {
        return library;
    }

    String label() {
        return label;
    }

    long slot() {
        return slot;
    }

    PKCS11 p11() {
        return p11;
    }

    CryptokiLibrary libraryState() {
        return lib;
    }

    /** Whether the library was re-initialised since this instance connected: it must not reach it again. */
    boolean stale() {
        return generation != lib.generation();
    }

    /** Asks the library to re-initialise (throttled) after this instance found the token lost. */
    boolean reinitialiseLibrary(String why) {
        return lib.reinitialise(generation, why);
    }

    /**
     * Runs {@code call} (SunPKCS11 calls, or several of this class's) while the library cannot be
     * re-initialised, if this instance is still of the library's current generation.
     */
    <T> T guarded(java.util.function.Supplier<T> call) {
        return lib.call(generation, label, call::get);
    }

    /** Runs {@code call} on a session of this token's own pool, never shared between threads. */
    <T> T withSession(SessionCall<T> call) throws PKCS11Exception {
        if (closed) {
            throw new TokenUnavailableException("The connection to token '" + label + "' was closed after a failure");
        }
        return lib.call(generation, label, () -> onPooledSession(call));
    }

    private <T> T onPooledSession(SessionCall<T> call) throws PKCS11Exception {
        Long session = idle.pollFirst();
        if (session == null) {
            session = p11.C_OpenSession(slot, CKF_SERIAL_SESSION, null, null);
        }
        boolean healthy = false;
        try {
            T result = call.call(session);
            healthy = true;
            return result;
        } finally {
            if (discard.remove(session)) {
                healthy = false; // closing it destroys whatever session objects it still holds
            }
            if (healthy && !closed) {
                idle.offerFirst(session);
                if (closed) {
                    drainIdle(); // close() ran in between and missed this session (same generation: under the lock)
                }
            } else {
                closeQuietly(session);
            }
        }
    }

    /**
     * Marks a session lent by {@link #withSession} to be closed instead of pooled when the call ends:
     * for a call that could not destroy a session object it created (closing the session does).
     */
    void discardAfterUse(long session) {
        discard.add(session);
    }

    /** Runs {@code call} on a read-write session opened for it alone (creating token objects), then closes it. */
    <T> T withReadWriteSession(SessionCall<T> call) throws PKCS11Exception {
        if (closed) {
            throw new TokenUnavailableException("The connection to token '" + label + "' was closed after a failure");
        }
        return lib.call(generation, label, () -> {
            long session = p11.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
            try {
                return call.call(session);
            } finally {
                closeQuietly(session);
            }
        });
    }

    @FunctionalInterface
    interface SessionCall<T> {
        T call(long session) throws PKCS11Exception;
    }

    /**
     * Closes this instance's sessions, never logging out: other users of the token keep their login.
     * An instance of an earlier generation closes nothing: its handles may name others' sessions now.
     */
    @Override
    public void close() {
        closed = true;
        try {
            lib.call(generation, label, () -> {
                drainIdle();
                closeQuietly(anchor);
                return null;
            });
        } catch (StaleConnectionException e) {
            idle.clear();
        }
    }

    private void drainIdle() {
        for (Long session = idle.pollFirst(); session != null; session = idle.pollFirst()) {
            closeQuietly(session);
        }
    }

    private void closeQuietly(long session) {
        try {
            p11.C_CloseSession(session);
        } catch (PKCS11Exception | RuntimeException e) {
            // the session is gone either way
        }
    }
}
