package io.kyso.hsm;

/**
 * Checks, before any class of the JDK's PKCS#11 wrapper is touched, that this JVM lets the adapter
 * use it, so a missing flag is reported as such rather than as an {@link IllegalAccessError}.
 */
final class CryptokiAccess {
    static final String MODULE = "jdk.crypto.cryptoki";
    static final String PACKAGE = "sun.security.pkcs11.wrapper";
    static final String JVM_FLAG = "--add-exports " + MODULE + "/" + PACKAGE + "=ALL-UNNAMED";

    private CryptokiAccess() {
    }

    static void require(Pkcs11Config config) {
        Module cryptoki = ModuleLayer.boot().findModule(MODULE).orElse(null);
        if (cryptoki == null) {
            throw new TokenUnavailableException("The JDK module " + MODULE + " (SunPKCS11) is not in this Java"
                    + " runtime; cannot use PKCS#11 library " + config.libraryPath() + " for token '"
                    + config.tokenLabel() + "'");
        }
        if (!cryptoki.isExported(PACKAGE, CryptokiAccess.class.getModule())) {
            throw new TokenUnavailableException("The JVM must run with '" + JVM_FLAG + "' to use PKCS#11 library "
                    + config.libraryPath() + " for token '" + config.tokenLabel() + "'");
        }
    }
}
