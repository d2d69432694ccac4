package io.kyso.bench.api;

import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;

import java.util.HexFormat;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VERIFY;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_RW_SESSION;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_SERIAL_SESSION;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKU_USER;

/**
 * Fills a token with real EC P-256 private keys (token objects, sensitive, never extractable, one
 * SoftHSM2 file each), straight through PKCS#11: the way to reach a citizen count that enrollment
 * through the API cannot reach in the time box (each enrollment re-lists the whole token, see
 * docs/performance.md). The keys carry no certificate and no citizen record; they stand for the
 * other citizens' keys that the HSM holds. Runs in a process of its own because libsofthsm2 reads
 * SOFTHSM2_CONF once per process. Arguments: library, token label, seconds; PIN on standard input.
 * Prints the number of keys made.
 */
public final class FillerKeys {
    /** DER of the named curve prime256v1 (1.2.840.10045.3.1.7). */
    private static final byte[] P256 = HexFormat.of().parseHex("06082a8648ce3d030107");

    private FillerKeys() {
    }

    public static void main(String[] args) throws Exception {
        String library = args[0];
        String label = args[1];
        long stopAt = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        char[] pin = new String(System.in.readAllBytes()).trim().toCharArray();
        PKCS11 p11 = PKCS11.getInstance(library, "C_GetFunctionList", null, false);
        long session = p11.C_OpenSession(slot(p11, label), CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
        p11.C_Login(session, CKU_USER, pin);
        CK_MECHANISM mechanism = new CK_MECHANISM(CKM_EC_KEY_PAIR_GEN);
        int made = 0;
        while (System.nanoTime() < stopAt) {
            String name = "filler-" + made;
            CK_ATTRIBUTE[] publicTemplate = {
                new CK_ATTRIBUTE(CKA_TOKEN, false), new CK_ATTRIBUTE(CKA_EC_PARAMS, P256), new CK_ATTRIBUTE(CKA_VERIFY, true)};
            CK_ATTRIBUTE[] privateTemplate = {
                new CK_ATTRIBUTE(CKA_TOKEN, true), new CK_ATTRIBUTE(CKA_PRIVATE, true), new CK_ATTRIBUTE(CKA_SENSITIVE, true),
                new CK_ATTRIBUTE(CKA_EXTRACTABLE, false), new CK_ATTRIBUTE(CKA_SIGN, true),
                new CK_ATTRIBUTE(CKA_LABEL, name.toCharArray()), new CK_ATTRIBUTE(CKA_ID, name.getBytes())};
            p11.C_GenerateKeyPair(session, mechanism, publicTemplate, privateTemplate);
            made++;
        }
        System.out.println(made);
    }

    private static long slot(PKCS11 p11, String label) throws Exception {
        for (long slot : p11.C_GetSlotList(true)) {
            if (new String(p11.C_GetTokenInfo(slot).label).trim().equals(label)) {
                return slot;
            }
        }
        throw new IllegalStateException("no slot holds token " + label);
    }
}
