package io.kyso.hsm;

/**
 * A connection of an earlier generation of its library ({@link CryptokiLibrary}) was asked to reach
 * the token: refused before any call, so the operation can be run again on a fresh connection.
 */
final class StaleConnectionException extends TokenUnavailableException {
    StaleConnectionException(String message) {
        super(message);
    }
}
