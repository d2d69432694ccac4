package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/** HMAC-SHA256 with a secret key that never leaves the token, against a real SoftHSM2 token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MacKeyContractTest {
    private static final String MAC = "kyso-audit-mac";
    private static final byte[] ENTRY = "entry 1 0f3a…".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "entry 2 0f3a…".getBytes(StandardCharsets.UTF_8);

    private Pkcs11Config config;
    private HsmToken token;

    @BeforeAll
    void openToken() {
        config = SoftHsm.freshToken("mac");
        token = Pkcs11HsmToken.open(config);
        token.requireMacKey(MAC, true);
    }

    @AfterAll
    void closeToken() {
        token.close();
    }

    @Test
    void shouldComputeMacsThatTheTokenVerifiesAndThatTellMessagesApart() {
        List<byte[]> macs = token.mac(MAC, List.of(ENTRY, OTHER, ENTRY));

        assertEquals(32, macs.get(0).length, "HMAC-SHA256");
        assertArrayEquals(macs.get(0), macs.get(2), "the same message, the same MAC");
        assertFalse(Arrays.equals(macs.get(0), macs.get(1)));
        byte[] altered = macs.get(1).clone();
        altered[5] ^= 1;
        assertEquals(List.of(true, true, false, false), token.verifyMacs(MAC, List.of(ENTRY, OTHER, OTHER, ENTRY),
                List.of(macs.get(0), macs.get(1), altered, macs.get(1))));
        assertEquals(List.of(false), token.verifyMacs(MAC, List.of(ENTRY), List.of(new byte[5])), "a short MAC");
    }

    @Test
    void shouldComputeTheSameMacsAfterTheTokenIsReopened() {
        byte[] before = token.mac(MAC, List.of(ENTRY)).get(0);
        try (HsmToken reopened = Pkcs11HsmToken.open(config)) {
            reopened.requireMacKey(MAC, true); // finds the key: never a second one
            assertArrayEquals(before, reopened.mac(MAC, List.of(ENTRY)).get(0));
        }
    }

    @Test
    void shouldKeepTheMacKeySensitiveNeverExtractableAndForMacsOnly() throws Exception {
        try (TokenInspector inspector = TokenInspector.of(config)) {
            CK_ATTRIBUTE[] attributes = inspector.withSession(session -> {
                CK_ATTRIBUTE[] read = {
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_SENSITIVE),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_EXTRACTABLE),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_NEVER_EXTRACTABLE),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_TOKEN),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_SIGN),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_ENCRYPT),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_DECRYPT),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_WRAP),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_DERIVE),
                };
                inspector.p11().C_GetAttributeValue(session, onlyKey(inspector.p11(), session, MAC), read);
                return read;
            });
            assertTrue(attributes[0].getBoolean(), "CKA_SENSITIVE");
            assertFalse(attributes[1].getBoolean(), "CKA_EXTRACTABLE");
            assertTrue(attributes[2].getBoolean(), "CKA_NEVER_EXTRACTABLE");
            assertTrue(attributes[3].getBoolean(), "CKA_TOKEN");
            assertTrue(attributes[4].getBoolean(), "CKA_SIGN");
            for (int i = 5; i < attributes.length; i++) {
                assertFalse(attributes[i].getBoolean(), attributes[i].toString());
            }
        }
    }

    @Test
    void shouldNeverLetTheKeyValueOut() throws Exception {
        try (TokenInspector inspector = TokenInspector.of(config)) {
            PKCS11 p11 = inspector.p11();
            PKCS11Exception read = assertThrows(PKCS11Exception.class, () -> inspector.withSession(session -> {
                CK_ATTRIBUTE[] value = {new CK_ATTRIBUTE(PKCS11Constants.CKA_VALUE)};
                p11.C_GetAttributeValue(session, onlyKey(p11, session, MAC), value);
                return value;
            }));
            assertEquals(0x11, read.getErrorCode(), "CKR_ATTRIBUTE_SENSITIVE: " + read);

            PKCS11Exception wrapped = assertThrows(PKCS11Exception.class, () -> inspector.withReadWriteSession(session -> {
                long wrapping = p11.C_GenerateKey(session, new CK_MECHANISM(PKCS11Constants.CKM_AES_KEY_GEN),
                        new CK_ATTRIBUTE[] {
                            new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_SECRET_KEY),
                            new CK_ATTRIBUTE(PKCS11Constants.CKA_KEY_TYPE, PKCS11Constants.CKK_AES),
                            new CK_ATTRIBUTE(PKCS11Constants.CKA_VALUE_LEN, 32L),
                            new CK_ATTRIBUTE(PKCS11Constants.CKA_TOKEN, false),
                            new CK_ATTRIBUTE(PKCS11Constants.CKA_WRAP, true),
                        });
                return p11.C_WrapKey(session, new CK_MECHANISM(PKCS11Constants.CKM_AES_KEY_WRAP_PAD), wrapping,
                        onlyKey(p11, session, MAC));
            }));
            assertEquals(0x6A, wrapped.getErrorCode(), "CKR_KEY_UNEXTRACTABLE: " + wrapped);

            assertThrows(PKCS11Exception.class, () -> inspector.withReadWriteSession(session -> {
                p11.C_SetAttributeValue(session, onlyKey(p11, session, MAC), new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_EXTRACTABLE, true),
                });
                return null;
            }), "a key that was never extractable cannot be made so");
        }
    }

    @Test
    void shouldNeverCreateTheMacKeyToComputeMacs() throws Exception {
        KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> token.mac("absent-mac", List.of(ENTRY)));
        assertEquals("absent-mac", e.alias());
        assertThrows(KeyNotFoundException.class, () -> token.verifyMacs("absent-mac", List.of(ENTRY), List.of(new byte[32])));
        assertThrows(KeyNotFoundException.class, () -> token.requireMacKey("absent-mac", false));
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertEquals(0, (int) inspector.<Integer>withSession(session -> keys(inspector.p11(), session, "absent-mac").length));
        }
    }

    @Test
    void shouldRefuseAnExtractableKeyOrOneThatAlsoEncrypts() throws Exception {
        try (TokenInspector inspector = TokenInspector.of(config)) {
            createGenericSecret(inspector, "weak-mac", true, false);
            createGenericSecret(inspector, "encrypting-mac", false, true);
        }
        for (String label : List.of("weak-mac", "encrypting-mac")) {
            HsmException e = assertThrows(HsmException.class, () -> token.requireMacKey(label, false));
            assertTrue(e.getMessage().contains("sensitive, never extractable, for signing and verifying only"),
                    e.getMessage());
            assertThrows(HsmException.class, () -> token.mac(label, List.of(ENTRY)));
        }
    }

    @Test
    void shouldRefuseTwoKeysOfOneLabel() throws Exception {
        // a token of its own: SunPKCS11's key store refuses to load a token with two secret keys of one label
        Pkcs11Config twice = SoftHsm.freshToken("mac-twice");
        try (HsmToken first = Pkcs11HsmToken.open(twice)) {
            first.requireMacKey(MAC, true);
        }
        try (TokenInspector inspector = TokenInspector.of(twice)) {
            createGenericSecret(inspector, MAC, false, false);
        }
        HsmException e = assertThrows(HsmException.class, () -> {
            try (HsmToken reopened = Pkcs11HsmToken.open(twice)) {
                reopened.requireMacKey(MAC, true);
            }
        });
        assertTrue(e.getMessage().contains("must be unique") || e.getMessage().contains("sharing same CKA_LABEL"),
                e.getMessage());
    }

    @Test
    void shouldRefuseListsOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class, () -> token.verifyMacs(MAC, List.of(ENTRY, OTHER),
                List.of(new byte[32])));
    }

    private static void createGenericSecret(TokenInspector inspector, String label, boolean extractable, boolean encrypt)
            throws Exception {
        inspector.withReadWriteSession(session -> inspector.p11().C_GenerateKey(session,
                new CK_MECHANISM(PKCS11Constants.CKM_GENERIC_SECRET_KEY_GEN), new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_SECRET_KEY),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_KEY_TYPE, PKCS11Constants.CKK_GENERIC_SECRET),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_VALUE_LEN, 32L),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_TOKEN, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_PRIVATE, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_SENSITIVE, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_EXTRACTABLE, extractable),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_SIGN, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_VERIFY, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_ENCRYPT, encrypt),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_LABEL, label),
                }));
    }

    private static long onlyKey(PKCS11 p11, long session, String label) throws PKCS11Exception {
        long[] found = keys(p11, session, label);
        assertEquals(1, found.length, "keys labelled " + label);
        return found[0];
    }

    private static long[] keys(PKCS11 p11, long session, String label) throws PKCS11Exception {
        p11.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_SECRET_KEY),
            new CK_ATTRIBUTE(PKCS11Constants.CKA_LABEL, label),
        });
        try {
            return p11.C_FindObjects(session, 16);
        } finally {
            p11.C_FindObjectsFinal(session);
        }
    }
}
