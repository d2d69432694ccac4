package io.kyso.signer.csc;

import io.kyso.signer.testing.AdjustableClock;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.CscClient;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal that holds only its own credentials (client id and secret, so any service token, pushed
 * request and authorization URL it likes) cannot make a citizen's key sign on its own: without the
 * citizen's confirmation on Kyso's page it gets no credential token; with one, it signs only the
 * hashes the citizen saw, each once, and only for minutes.
 */
@KysoService(reachable = true, properties = {
        "kyso.csc.clients.dev-portal.redirect-uris=" + CscClient.REDIRECT_URI,
        "kyso.csc.clients.other.redirect-uris=https://other.example/cb",
        "kyso.test.adjustable-clock=true"})
class CscHostilePortalTest {
    static KysoTestService kyso;
    static CscClient portal;

    @BeforeAll
    static void setUp() {
        portal = CscClient.devPortal(kyso);
    }

    private static String enroll(String nationalId, String phone) {
        return (String) kyso.enroll("Trần Quốc Toản", nationalId, phone, null).get("id");
    }

    @Test
    void shouldGetNoCredentialTokenWithoutTheCitizensConfirmation() throws Exception {
        String credential = enroll("001099000201", "+84912000201");
        long signedBefore = AuditQueries.countAll(kyso, "CSC_HASHES_SIGNED");
        List<byte[]> hashes = CscHashSigningTest.hashes("hostile", 1);
        String verifier = CscClient.newVerifier();
        CscClient.Answer pushed = portal.push(portal.credentialRequest(credential, hashes, List.of("x.pdf"), verifier));
        assertEquals(201, pushed.status(), pushed.toString());
        CscClient.Answer opened = portal.openAuthorization(Map.of("client_id", "dev-portal",
                "request_uri", pushed.string("request_uri")));
        assertEquals(303, opened.status());

        // everything the portal holds, presented as a code: refused
        for (String guess : List.of(pushed.string("request_uri"), opened.location().substring(3), "000000")) {
            CscClient.Answer token = portal.exchange(guess, verifier);
            assertEquals(400, token.status(), token.toString());
            assertEquals("invalid_grant", token.string("error"));
        }
        CscClient.Answer credentialScope = portal.tokenRequest(Map.of("grant_type", "client_credentials",
                "scope", "credential"));
        assertEquals("invalid_scope", credentialScope.string("error"));

        // a service token never signs, neither alone nor as its own SAD
        String service = portal.serviceToken();
        CscClient.Answer alone = portal.signHash(service, credential, hashes, CscClient.ECDSA_SHA256);
        assertEquals(400, alone.status());
        assertEquals("invalid_request", alone.string("error"));
        CscClient.Answer asSad = portal.call("signatures/signHash", service, Map.of("credentialID", credential,
                "SAD", service, "hashes", List.of(java.util.Base64.getEncoder().encodeToString(hashes.get(0))),
                "hashAlgorithmOID", CscClient.SHA256, "signAlgo", CscClient.ECDSA_SHA256));
        assertEquals(400, asSad.status());
        assertEquals("Invalid parameter SAD", asSad.string("error_description"));
        assertEquals(signedBefore, AuditQueries.countAll(kyso, "CSC_HASHES_SIGNED"));
    }

    @Test
    void shouldLockTheAuthorizationAfterFiveWrongCodesOnThePage() throws Exception {
        String credential = enroll("001099000202", "+84912000202");
        long locksBefore = AuditQueries.countAll(kyso, "CSC_AUTHORIZATION_LOCKED");
        String verifier = CscClient.newVerifier();
        CscClient.Answer pushed = portal.push(portal.credentialRequest(credential,
                CscHashSigningTest.hashes("guess", 1), List.of("x.pdf"), verifier));
        String page = portal.openAuthorization(Map.of("client_id", "dev-portal", "request_uri",
                pushed.string("request_uri"))).location();
        String right = kyso.latestCode("+84912000202");
        PageClient citizen = new PageClient(kyso.url(""));
        citizen.get(page);
        List<Map.Entry<String, String>> form = citizen.formWith("/confirmation", List.of(Map.entry("otp", right)));
        String wrong = right.equals("123456") ? "654321" : "123456";
        for (int i = 0; i < 5; i++) {
            CscClient.Answer answer = portal.confirmAsCitizen(page, wrong);
            assertNull(answer.location(), "a wrong code sends nobody back to the portal");
        }
        java.net.http.HttpResponse<String> afterLock = citizen.post(page + "/confirmation", form);
        assertEquals(423, afterLock.statusCode(), "the right code no longer works once locked");
        assertTrue(afterLock.headers().firstValue("Location").isEmpty());
        assertEquals(locksBefore + 1, AuditQueries.countAll(kyso, "CSC_AUTHORIZATION_LOCKED"));
    }

    @Test
    void shouldSignOnlyTheAuthorizedHashesEachOnce() throws Exception {
        String credential = enroll("001099000203", "+84912000203");
        List<byte[]> hashes = CscHashSigningTest.hashes("once", 2);
        String token = portal.authorize(credential, "+84912000203", hashes, List.of("a.pdf", "b.pdf")).credentialToken();

        List<byte[]> other = CscHashSigningTest.hashes("not shown to the citizen", 1);
        CscClient.Answer outside = portal.signHash(token, credential, other, CscClient.ECDSA_SHA256);
        assertEquals(400, outside.status());
        assertTrue(outside.string("error_description").contains("not covered"), outside.toString());
        CscClient.Answer mixed = portal.signHash(token, credential, List.of(hashes.get(0), other.get(0)),
                CscClient.ECDSA_SHA256);
        assertEquals(400, mixed.status(), "one foreign hash refuses the whole call");

        assertEquals(200, portal.signHash(token, credential, hashes.subList(0, 1), CscClient.ECDSA_SHA256).status());
        CscClient.Answer twice = portal.signHash(token, credential, hashes.subList(0, 1), CscClient.ECDSA_SHA256);
        assertEquals(400, twice.status());
        assertTrue(twice.string("error_description").contains("already signed"), twice.toString());
        CscClient.Answer again = portal.signHash(token, credential, hashes, CscClient.ECDSA_SHA256);
        assertEquals(400, again.status(), "a batch with a signed hash signs nothing");
        assertEquals(200, portal.signHash(token, credential, hashes.subList(1, 2), CscClient.ECDSA_SHA256).status(),
                "the refused calls did not spend the other hash");
    }

    @Test
    void shouldRefuseACredentialTokenForAnotherCredential() throws Exception {
        String mine = enroll("001099000204", "+84912000204");
        String neighbour = enroll("001099000205", "+84912000205");
        List<byte[]> hashes = CscHashSigningTest.hashes("neighbour", 1);
        String token = portal.authorize(mine, "+84912000204", hashes, List.of("a.pdf")).credentialToken();
        CscClient.Answer answer = portal.signHash(token, neighbour, hashes, CscClient.ECDSA_SHA256);
        assertEquals(400, answer.status());
        assertEquals("invalid_request", answer.string("error"));
    }

    @Test
    void shouldRefuseAnExpiredCredentialToken() throws Exception {
        String credential = enroll("001099000206", "+84912000206");
        List<byte[]> hashes = CscHashSigningTest.hashes("late", 1);
        String token = portal.authorize(credential, "+84912000206", hashes, List.of("a.pdf")).credentialToken();
        AdjustableClock.of(kyso).advance(Duration.ofMinutes(6));
        CscClient.Answer late = portal.signHash(token, credential, hashes, CscClient.ECDSA_SHA256);
        assertEquals(401, late.status());
        assertEquals("invalid_token", late.string("error"));
    }

    @Test
    void shouldRevokeTheTokenWhenTheCodeIsReplayed() throws Exception {
        String credential = enroll("001099000207", "+84912000207");
        List<byte[]> hashes = CscHashSigningTest.hashes("replay", 2);
        String verifier = CscClient.newVerifier();
        CscClient.Answer pushed = portal.push(portal.credentialRequest(credential, hashes, List.of("a", "b"), verifier));
        String page = portal.openAuthorization(Map.of("client_id", "dev-portal", "request_uri",
                pushed.string("request_uri"))).location();
        String code = CscClient.query(portal.confirmAsCitizen(page, kyso.latestCode("+84912000207")).location())
                .get("code");
        CscClient.Answer wrongVerifier = portal.exchange(code, CscClient.newVerifier());
        assertEquals("invalid_grant", wrongVerifier.string("error"), "PKCE: only the verifier of the request");
        String token = portal.exchange(code, verifier).string("access_token");
        CscClient.Answer replay = portal.exchange(code, verifier);
        assertEquals("invalid_grant", replay.string("error"));
        CscClient.Answer afterReplay = portal.signHash(token, credential, hashes, CscClient.ECDSA_SHA256);
        assertEquals(401, afterReplay.status(), "the token issued with a replayed code is revoked");
    }

    @Test
    void shouldNotLetAnotherPortalSeeOrAuthorizeTheCredential() throws Exception {
        String credential = enroll("001099000208", "+84912000208");
        CscClient other = new CscClient(kyso, "other", KysoTestService.OTHER_API_KEY);
        String service = other.serviceToken();
        CscClient.Answer info = other.call("credentials/info", service, Map.of("credentialID", credential));
        assertEquals(400, info.status());
        assertEquals("Invalid parameter credentialID", info.string("error_description"));
        CscClient.Answer list = other.call("credentials/list", service, Map.of("userID", "001099000208"));
        assertEquals(List.of(), list.strings("credentialIDs"));
        Map<String, String> request = other.credentialRequest(credential, CscHashSigningTest.hashes("x", 1),
                List.of("x"), CscClient.newVerifier());
        request.put("redirect_uri", "https://other.example/cb");
        CscClient.Answer pushed = other.push(request);
        assertEquals(400, pushed.status(), pushed.toString());
        CscClient.Answer wrongSecret = new CscClient(kyso, "dev-portal", KysoTestService.OTHER_API_KEY)
                .tokenRequest(Map.of("grant_type", "client_credentials"));
        assertEquals(401, wrongSecret.status());
        assertEquals("invalid_client", wrongSecret.string("error"));
    }

    @Test
    void shouldSendNobodyToAnUnregisteredRedirect() throws Exception {
        String credential = enroll("001099000209", "+84912000209");
        Map<String, String> request = portal.credentialRequest(credential, CscHashSigningTest.hashes("r", 1),
                List.of("x"), CscClient.newVerifier());
        request.put("redirect_uri", "https://attacker.example/steal");
        CscClient.Answer opened = portal.openAuthorization(request);
        assertEquals(400, opened.status());
        assertNull(opened.location());
        assertFalse(opened.body().contains("attacker.example"));
    }
}
