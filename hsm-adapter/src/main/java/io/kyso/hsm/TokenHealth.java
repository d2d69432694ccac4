package io.kyso.hsm;

import java.util.Objects;

/**
 * What a health probe of the token found. {@code detail} never holds secrets.
 *
 * @param state  whether the token works, is unreachable for now (the adapter reconnects by itself when
 *               it is back), or can only be reached again by a new process
 */
public record TokenHealth(State state, String tokenLabel, String detail) {

    /** The token's state as the adapter sees it. */
    public enum State {
        /** The token answers and this process is logged in. */
        UP,
        /** The token cannot be reached now; operations fail with {@link TokenUnavailableException} until it is back. */
        DOWN,
        /**
         * The token cannot be reached again from this process (its library cannot be re-initialised
         * safely): drain and restart the process.
         */
        RESTART_REQUIRED
    }

    public TokenHealth {
        Objects.requireNonNull(state, "state");
    }

    public TokenHealth(boolean up, String tokenLabel, String detail) {
        this(up ? State.UP : State.DOWN, tokenLabel, detail);
    }

    public boolean up() {
        return state == State.UP;
    }

    public boolean restartRequired() {
        return state == State.RESTART_REQUIRED;
    }
}
