package io.kyso.signer.portal;

/** An API client of Kyso: a public-service portal. Everything it creates belongs to it alone. */
public record Portal(String id, String name) {

    /** How the audit log names this portal as an actor. */
    public String actor() {
        return "portal:" + id;
    }
}
