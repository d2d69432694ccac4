package io.kyso.signer.crash;

/**
 * One broken invariant: when it was found (which check), about what (a request, a document, a
 * file, a key), what the service had acknowledged, and what was found instead.
 */
record Violation(String when, Invariant invariant, String subject, String acknowledged, String found) {

    @Override
    public String toString() {
        return "[" + when + "] " + invariant + " — " + subject + ": acknowledged " + acknowledged + "; found " + found;
    }
}
