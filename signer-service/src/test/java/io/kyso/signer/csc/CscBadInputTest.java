package io.kyso.signer.csc;

import io.kyso.signer.testing.CscClient;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Malformed or unacceptable CSC calls get the specification's error answer ({@code error},
 * {@code error_description}) and change nothing: after every one of them, the credential token still
 * signs every hash it covers.
 */
@KysoService(reachable = true, properties = "kyso.csc.clients.dev-portal.redirect-uris=" + CscClient.REDIRECT_URI)
class CscBadInputTest {
    static KysoTestService kyso;
    static CscClient portal;
    static String credential;
    static List<byte[]> hashes;
    static String token;

    @BeforeAll
    static void authorize() throws Exception {
        portal = CscClient.devPortal(kyso);
        credential = (String) kyso.enroll("Lý Thường Kiệt", "001099000301", "+84912000301", null).get("id");
        hashes = CscHashSigningTest.hashes("bad input", 3);
        token = portal.authorize(credential, "+84912000301", hashes, List.of("a", "b", "c")).credentialToken();
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("credentialID", credential);
        body.put("hashAlgorithmOID", CscClient.SHA256);
        body.put("signAlgo", CscClient.ECDSA_SHA256);
        body.put("hashes", hashes.stream().map(Base64.getEncoder()::encodeToString).toList());
        return body;
    }

    private static void assertRefused(int status, String error, String description, Object body) {
        CscClient.Answer answer = portal.call("signatures/signHash", token, body);
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(error, answer.string("error"), answer.toString());
        if (description != null) {
            assertEquals(description, answer.string("error_description"));
        }
    }

    @Test
    void shouldAnswerEveryBadCallWithTheSpecsErrorAndChangeNothing() {
        Map<String, Object> unknownCredential = valid();
        unknownCredential.put("credentialID", "00000000-0000-0000-0000-000000000000");
        assertRefused(400, "invalid_request", null, unknownCredential);

        Map<String, Object> shortHash = valid();
        shortHash.put("hashes", List.of(Base64.getEncoder().encodeToString(new byte[20])));
        assertRefused(400, "invalid_request", "Invalid hash length: a SHA-256 hash has 32 bytes", shortHash);

        Map<String, Object> malformed = valid();
        malformed.put("hashes", List.of("not base64 at all!"));
        assertRefused(400, "invalid_request", "Invalid Base64 hash string parameter", malformed);

        Map<String, Object> otherHashFunction = valid();
        otherHashFunction.put("hashAlgorithmOID", "2.16.840.1.101.3.4.2.2");
        otherHashFunction.put("signAlgo", "1.2.840.10045.4.3.3");
        assertRefused(400, "invalid_request", null, otherHashFunction);

        Map<String, Object> mismatched = valid();
        mismatched.put("signAlgo", "1.2.840.10045.4.3.3");
        assertRefused(400, "invalid_request", null, mismatched);

        Map<String, Object> rsaForEc = valid();
        rsaForEc.put("signAlgo", CscClient.RSA_SHA256);
        assertRefused(400, "invalid_request", null, rsaForEc);

        Map<String, Object> unknownAlgorithm = valid();
        unknownAlgorithm.put("signAlgo", "1.2.3.4");
        assertRefused(400, "invalid_request", "Invalid parameter signAlgo", unknownAlgorithm);

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(32).putInt(i).array()));
        }
        Map<String, Object> many = valid();
        many.put("hashes", tooMany);
        assertRefused(400, "invalid_request", "Too many hashes: at most 200", many);

        Map<String, Object> empty = valid();
        empty.put("hashes", List.of());
        assertRefused(400, "invalid_request", "Empty hashes array", empty);

        Map<String, Object> missing = valid();
        missing.remove("credentialID");
        assertRefused(400, "invalid_request", "Missing (or invalid type) string parameter credentialID", missing);

        Map<String, Object> misspelt = valid();
        misspelt.put("hashAlgorithmOid", CscClient.SHA256);
        assertRefused(400, "invalid_request", "Unknown parameter hashAlgorithmOid", misspelt);

        Map<String, Object> async = valid();
        async.put("operationMode", "A");
        assertRefused(400, "invalid_request", null, async);

        assertRefused(400, "invalid_request", "The body is not valid JSON", "{\"credentialID\": ");

        CscClient.Answer noToken = portal.call("signatures/signHash", null, valid());
        assertEquals(401, noToken.status());
        assertEquals("invalid_token", noToken.string("error"));
        CscClient.Answer forged = portal.call("signatures/signHash", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", valid());
        assertEquals(401, forged.status());
        assertEquals("invalid_token", forged.string("error"));

        CscClient.Answer allThree = portal.call("signatures/signHash", token, valid());
        assertEquals(200, allThree.status(), "no refused call spent a hash: " + allThree);
        assertEquals(3, allThree.strings("signatures").size());
    }

    @Test
    void shouldRefuseBadAuthorizationRequestsWithOAuthErrors() throws Exception {
        Map<String, String> noPkce = portal.credentialRequest(credential, hashes, List.of("a", "b", "c"),
                CscClient.newVerifier());
        noPkce.remove("code_challenge");
        noPkce.remove("code_challenge_method");
        assertEquals("invalid_request", portal.push(noPkce).string("error"));

        Map<String, String> unknown = portal.credentialRequest("00000000-0000-0000-0000-000000000000", hashes,
                List.of("a", "b", "c"), CscClient.newVerifier());
        CscClient.Answer answer = portal.push(unknown);
        assertEquals(400, answer.status());
        assertEquals("Invalid parameter credentialID", answer.string("error_description"));

        Map<String, String> serviceScope = portal.credentialRequest(credential, hashes, List.of("a", "b", "c"),
                CscClient.newVerifier());
        serviceScope.remove("authorization_details");
        serviceScope.put("scope", "service");
        assertEquals("invalid_scope", portal.push(serviceScope).string("error"));
    }
}
