package io.kyso.hsm;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;

/**
 * Looks into a token independently of the {@link Pkcs11HsmToken} under test: its own SunPKCS11 key
 * store, and the attributes of private key objects as the token reports them (C_GetAttributeValue).
 */
final class TokenInspector implements AutoCloseable {
    private final Cryptoki cryptoki;
    private final TokenObjects objects;
    private final KeyStore keyStore;

    private TokenInspector(Cryptoki cryptoki, KeyStore keyStore) {
        this.cryptoki = cryptoki;
        this.objects = new TokenObjects(cryptoki);
        this.keyStore = keyStore;
    }

    static TokenInspector of(Pkcs11Config config) throws Exception {
        Cryptoki cryptoki = Cryptoki.connect(config.libraryPath(), config.tokenLabel());
        cryptoki.login(config.pin());
        Provider provider = SunPkcs11.configure(cryptoki);
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, null);
        return new TokenInspector(cryptoki, keyStore);
    }

    PrivateKey privateKey(String alias) throws Exception {
        return (PrivateKey) keyStore.getKey(alias, null);
    }

    TokenObjects.Protection protection(String alias) throws Exception {
        long handle = objects.findPrivateKey(alias);
        if (handle < 0) {
            throw new AssertionError("no private key object for '" + alias + "'");
        }
        return objects.protection(handle);
    }

    /** How many objects the token shows this process: token objects, or session objects of every session. */
    int countObjects(boolean tokenObjects) throws Exception {
        return cryptoki.withSession(session -> io.kyso.hsm.testing.SoftHsm.countObjects(cryptoki.p11(), session,
                tokenObjects));
    }

    /** Runs {@code call} on a session of the inspector's own. */
    <T> T withSession(Cryptoki.SessionCall<T> call) throws Exception {
        return cryptoki.withSession(call);
    }

    /** Runs {@code call} on a read-write session of the inspector's own. */
    <T> T withReadWriteSession(Cryptoki.SessionCall<T> call) throws Exception {
        return cryptoki.withReadWriteSession(call);
    }

    sun.security.pkcs11.wrapper.PKCS11 p11() {
        return cryptoki.p11();
    }

    TokenObjects objects() {
        return objects;
    }

    @Override
    public void close() {
        cryptoki.close();
    }
}
