package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/** Finding the token's secret keys by label: the wrapping key ({@link WrappedKeys}) and the MAC key ({@link MacKeys}). */
final class TokenSecretKeys {
    private TokenSecretKeys() {
    }

    /** The secret token keys labelled {@code label}: {handle, an order on their CKA_ID}. */
    static List<long[]> find(PKCS11 p11, long session, String label) throws PKCS11Exception {
        p11.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(CKA_CLASS, CKO_SECRET_KEY),
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_LABEL, label),
        });
        long[] handles;
        try {
            handles = p11.C_FindObjects(session, 16);
        } finally {
            p11.C_FindObjectsFinal(session);
        }
        List<long[]> keys = new ArrayList<>();
        for (long handle : handles) {
            CK_ATTRIBUTE[] id = {new CK_ATTRIBUTE(CKA_ID)};
            p11.C_GetAttributeValue(session, handle, id);
            Object bytes = id[0].pValue; // absent (null) on a key provisioned without CKA_ID
            keys.add(new long[] {handle, bytes instanceof byte[] value && value.length > 0
                    ? new BigInteger(1, value).longValue() : Long.MIN_VALUE});
        }
        return keys;
    }

    /** Destroys a key this process created when another process created one of the same label at the same time. */
    static void destroyQuietly(PKCS11 p11, long session, long handle) {
        try {
            p11.C_DestroyObject(session, handle);
        } catch (PKCS11Exception | RuntimeException e) {
            // a token object another process created at the same time: theirs is used, ours stays unused
        }
    }
}
