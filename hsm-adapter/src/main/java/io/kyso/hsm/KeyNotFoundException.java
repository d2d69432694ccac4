package io.kyso.hsm;

/** No private key with the given alias exists in the token. */
public class KeyNotFoundException extends HsmException {
    private final String alias;

    public KeyNotFoundException(String alias) {
        super("No key with alias '" + alias + "' in the token");
        this.alias = alias;
    }

    public String alias() {
        return alias;
    }
}
