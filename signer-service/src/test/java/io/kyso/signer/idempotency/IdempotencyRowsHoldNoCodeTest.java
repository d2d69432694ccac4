package io.kyso.signer.idempotency;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone who reads the database (a backup, a replica, an operator) reads the idempotency table: a
 * confirmation's body carries the citizen's code, and a plain SHA-256 of it gives the code back
 * after a million guesses. Rows hold a fingerprint keyed with a key the database does not have; rows
 * from before that are still read as they were written until they expire.
 */
@KysoService
class IdempotencyRowsHoldNoCodeTest {
    private static final String PHONE = "+84901000711";
    private static KysoTestService kyso;
    private static Object citizenId;

    @BeforeAll
    static void enroll() {
        citizenId = kyso.enroll("Trần Quốc Toản", "079099000711", PHONE, null).get("id");
    }

    private static String newRequest() {
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        return created.string("id");
    }

    private static ApiResponse confirm(String path, String code, String key) {
        return kyso.postJson(path, "{\"otp\":\"" + code + "\"}", Map.of("Idempotency-Key", key));
    }

    @Test
    void shouldNotLetAReaderOfTheIdempotencyTableRecoverARelayedCode() {
        String path = "/api/v1/signing-requests/" + newRequest() + "/confirmation";
        String code = kyso.latestCode(PHONE);
        String key = UUID.randomUUID().toString();
        ApiResponse signed = confirm(path, code, key);
        assertEquals("SIGNED", signed.string("status"), signed::toString);

        String stored = row(key, "request_hash");
        assertEquals("HMAC", row(key, "request_hash_kind"));
        assertEquals(code, codeSearch(path, plainFingerprint("POST", path,
                ("{\"otp\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8))),
                "the reader's search finds the code in a plain SHA-256 fingerprint");
        assertNull(codeSearch(path, stored), "no code of the million reproduces the stored fingerprint");
        assertFalse(row(key, "response_body").contains(code), "the stored answer does not carry the code");
    }

    @Test
    void shouldStoreNoCodeInTheAnswerToAWrongCode() {
        String path = "/api/v1/signing-requests/" + newRequest() + "/confirmation";
        String right = kyso.latestCode(PHONE);
        String wrong = right.equals("000000") ? "000001" : "000000";
        String key = UUID.randomUUID().toString();
        ApiResponse refused = confirm(path, wrong, key);
        assertEquals("otp.invalid", refused.code(), refused::toString);
        assertFalse(row(key, "response_body").contains(wrong));
        assertNull(codeSearch(path, row(key, "request_hash")));
    }

    @Test
    void shouldReplayAnAnswerStoredWithAPlainFingerprintBeforeTheUpgrade() {
        String key = UUID.randomUUID().toString();
        String body = "{\"nationalId\":\"079099000712\",\"fullName\":\"Yết Kiêu\",\"phone\":\"+84901000712\"}";
        ApiResponse first = kyso.postJson("/api/v1/citizens", body, Map.of("Idempotency-Key", key));
        assertEquals(201, first.status(), first::toString);
        storedBeforeTheUpgrade(key, plainFingerprint("POST", "/api/v1/citizens", body.getBytes(StandardCharsets.UTF_8)));

        ApiResponse again = kyso.postJson("/api/v1/citizens", body, Map.of("Idempotency-Key", key));
        assertEquals(201, again.status(), "the first answer, not 422 key_reused nor 409 already_enrolled: " + again);
        assertEquals(first.text(), again.text());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(null));
    }

    @Test
    void shouldRefuseAnotherRequestUnderAKeyStoredWithAPlainFingerprint() {
        String key = UUID.randomUUID().toString();
        String body = "{\"nationalId\":\"079099000713\",\"fullName\":\"Dã Tượng\",\"phone\":\"+84901000713\"}";
        assertEquals(201, kyso.postJson("/api/v1/citizens", body, Map.of("Idempotency-Key", key)).status());
        storedBeforeTheUpgrade(key, plainFingerprint("POST", "/api/v1/citizens", body.getBytes(StandardCharsets.UTF_8)));

        ApiResponse other = kyso.postJson("/api/v1/citizens", body.replace("Dã Tượng", "Dã Tượng Khác"),
                Map.of("Idempotency-Key", key));
        assertEquals(422, other.status(), other::toString);
        assertEquals("idempotency.key_reused", other.code());
    }

    @Test
    void shouldFingerprintWithTheFramingTheSearchAssumes() {
        // the search above models the fingerprint as it was before it was keyed; this pins that model
        RequestFingerprint.Fingerprint fingerprint = kyso.context().getBean(RequestFingerprints.class)
                .start("POST", "/x").add("{\"otp\":\"123456\"}").finish();
        assertEquals(plainFingerprint("POST", "/x", "{\"otp\":\"123456\"}".getBytes(StandardCharsets.UTF_8)),
                fingerprint.plainSha256());
        assertTrue(!fingerprint.keyed().equals(fingerprint.plainSha256()));
    }

    /** Makes the row of {@code key} look as an earlier version wrote it: a plain SHA-256, of kind SHA256. */
    private static void storedBeforeTheUpgrade(String key, String plainSha256) {
        kyso.context().getBean(Database.class).inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE idempotency_key SET request_hash = ?, request_hash_kind = 'SHA256' WHERE idem_key = ?")) {
                update.setString(1, plainSha256);
                update.setString(2, key);
                return update.executeUpdate();
            }
        });
        assertEquals("SHA256", row(key, "request_hash_kind"));
    }

    private static String row(String key, String column) {
        return DatabaseProbe.text(kyso, "SELECT " + column + " FROM idempotency_key WHERE idem_key = ?", key).strip();
    }

    /** The plain SHA-256 fingerprint of before: length-prefixed method, path and body. */
    private static String plainFingerprint(String method, String path, byte[] body) {
        MessageDigest sha = sha256();
        for (byte[] piece : List.of(method.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8), body)) {
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(piece.length).array());
            sha.update(piece);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * What a reader of the table would do: try every 6-digit code against {@code fingerprint}, as a
     * plain SHA-256 of the confirmation's body. Under a second.
     */
    private static String codeSearch(String path, String fingerprint) {
        byte[] target = HexFormat.of().parseHex(fingerprint.strip());
        byte[] body = "{\"otp\":\"000000\"}".getBytes(StandardCharsets.US_ASCII);
        MessageDigest prefix = sha256();
        for (byte[] piece : List.of("POST".getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8))) {
            prefix.update(ByteBuffer.allocate(Long.BYTES).putLong(piece.length).array());
            prefix.update(piece);
        }
        prefix.update(ByteBuffer.allocate(Long.BYTES).putLong(body.length).array());
        try {
            for (int n = 0; n < 1_000_000; n++) {
                for (int i = 0, rest = n; i < 6; i++, rest /= 10) {
                    body[13 - i] = (byte) ('0' + rest % 10);
                }
                MessageDigest sha = (MessageDigest) prefix.clone();
                if (MessageDigest.isEqual(target, sha.digest(body))) {
                    return new String(body, 8, 6, StandardCharsets.US_ASCII);
                }
            }
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
