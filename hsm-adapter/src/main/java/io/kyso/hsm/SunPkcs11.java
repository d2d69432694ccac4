package io.kyso.hsm;

import java.security.InvalidParameterException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Configures an instance of the JDK's SunPKCS11 provider for one slot. Every instance stays reachable
 * for the life of the process ({@link CryptokiLibrary#keep}), a few hundred kilobytes per opening of a
 * token: a collected provider's sessions would be closed by the JDK's cleaner thread at some later
 * time, perhaps after a re-initialisation gave their handle numbers to other sessions.
 */
final class SunPkcs11 {
    private static final AtomicLong INSTANCES = new AtomicLong();

    /*
     * The adapter generates and stores keys itself (KeyPairs) and only reads SunPKCS11's key store;
     * these templates keep any key SunPKCS11 would still generate or import sensitive, never
     * extractable and good for signing only.
     */
    private static final String TEMPLATES = """
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_TOKEN = false
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
              CKA_SIGN = true
              CKA_DECRYPT = false
              CKA_UNWRAP = false
              CKA_DERIVE = false
            }
            attributes(generate, CKO_PUBLIC_KEY, *) = {
              CKA_TOKEN = false
            }
            attributes(import, CKO_PRIVATE_KEY, *) = {
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            """;

    private SunPkcs11() {
    }

    static Provider configure(Cryptoki cryptoki) {
        Provider template = Security.getProvider("SunPKCS11");
        if (template == null) {
            throw new TokenUnavailableException("The SunPKCS11 provider is not installed in this JDK; cannot use token '"
                    + cryptoki.label() + "' of PKCS#11 library " + cryptoki.library());
        }
        String name = "Kyso" + INSTANCES.incrementAndGet();
        try {
            Provider provider = template.configure("--" + configText(name, cryptoki.library(), cryptoki.slot()));
            cryptoki.libraryState().keep(provider); // never collected: see CryptokiLibrary
            return provider;
        } catch (InvalidParameterException | ProviderException | UnsupportedOperationException e) {
            throw new TokenUnavailableException("SunPKCS11 cannot use token '" + cryptoki.label()
                    + "' of PKCS#11 library " + cryptoki.library() + ": " + e.getMessage(), e);
        }
    }

    static String configText(String name, String library, long slot) {
        if (library.indexOf('"') >= 0 || library.indexOf('\\') >= 0 || library.indexOf('\n') >= 0) {
            throw new TokenUnavailableException("Unsupported character in PKCS#11 library path " + library);
        }
        return "name = " + name + "\n"
                + "library = \"" + library + "\"\n"
                + "slot = " + slot + "\n"
                + TEMPLATES;
    }
}
