package io.kyso.signer.portal;

/** An API client of Kyso: a public-service portal. Everything it creates belongs to it alone. */
public record Portal(String id, String name) {
}
