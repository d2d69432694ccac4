package io.kyso.hsm;

/** What a health probe of the token found. {@code detail} never holds secrets. */
public record TokenHealth(boolean up, String tokenLabel, String detail) {
}
