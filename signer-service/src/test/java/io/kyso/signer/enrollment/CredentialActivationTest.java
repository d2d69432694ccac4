package io.kyso.signer.enrollment;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.NationalIdentityProvider;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A credential signs only once its citizen activated it: the code sent to the enrolled phone, then a
 * login at the national identity provider (a real OpenID Connect provider in this process) whose
 * CCCD must be the credential's, in the browser that gave the code.
 */
class CredentialActivationTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static NationalIdentityProvider vneid;
    private static KysoTestService kyso;

    @BeforeAll
    static void start() {
        vneid = new NationalIdentityProvider();
        kyso = KysoTestService.startReachable(vneid.kysoProperties());
    }

    @AfterAll
    static void stop() {
        kyso.close();
        vneid.close();
    }

    /** A citizen the portal enrolled, whose credential waits for them. */
    record Pending(String id, String nationalId, String phone, String activationPath) {
    }

    private static Pending enrollPending() {
        int n = CITIZENS.incrementAndGet();
        String nationalId = String.format("0790995%05d", n);
        String phone = "+8490900" + String.format("%04d", n);
        Map<String, Object> enrolled = kyso.enrollPending("Phan Thanh Giản", nationalId, phone, null);
        assertEquals("PENDING_ACTIVATION", enrolled.get("credentialStatus"));
        return new Pending(enrolled.get("id").toString(), nationalId, phone,
                URI.create(enrolled.get("activationUrl").toString()).getRawPath());
    }

    /** The citizen opens the link and types the code texted to their phone; the identity step comes next. */
    private static PageClient codesGiven(Pending citizen) {
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(citizen.activationPath());
        HttpResponse<String> codes = browser.post(citizen.activationPath() + "/codes", browser.formWith("/codes",
                List.of(entry("otp", kyso.latestActivationCode("phone", citizen.phone())))));
        assertEquals(303, codes.statusCode(), codes.body());
        String page = browser.get(citizen.activationPath()).body();
        assertTrue(page.contains("id=\"identity-button\""), page);
        return browser;
    }

    /** The browser goes to the provider, where {@code whoLogsIn} logs in, and comes back to Kyso. */
    private static HttpResponse<String> identityLogin(PageClient browser, Pending citizen, String whoLogsIn) {
        HttpResponse<String> toProvider = browser.get(citizen.activationPath() + "/identity");
        assertEquals(303, toProvider.statusCode(), toProvider.body());
        URI back = vneid.logIn(URI.create(toProvider.headers().firstValue("location").orElseThrow()), whoLogsIn);
        assertEquals("/a/identity/callback", back.getPath());
        return browser.get(back.getRawPath() + "?" + back.getRawQuery());
    }

    private static ApiResponse newRequest(Pending citizen) {
        return kyso.createRequest(citizen.id(), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
    }

    @Test
    void shouldSignNothingBeforeTheCitizenActivated() {
        Pending citizen = enrollPending();
        ApiResponse refused = newRequest(citizen);
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("credential.not_activated", refused.code());
    }

    @Test
    void shouldActivateWithThePhoneCodeAndTheCitizensOwnIdentityLogin() throws Exception {
        Pending citizen = enrollPending();
        PageClient browser = codesGiven(citizen);
        assertEquals("PENDING_ACTIVATION", kyso.get("/api/v1/citizens/" + citizen.id()).string("credentialStatus"),
                "the code alone does not activate where an identity provider is configured");

        HttpResponse<String> done = identityLogin(browser, citizen, citizen.nationalId());
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("class=\"result signed\""), done.body());
        assertEquals("ACTIVE", kyso.get("/api/v1/citizens/" + citizen.id()).string("credentialStatus"));

        ApiResponse created = newRequest(citizen);
        assertEquals(201, created.status(), created::toString);
        ApiResponse signed = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", kyso.latestCode(citizen.phone())));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
        @SuppressWarnings("unchecked")
        Object document = ((List<Map<String, Object>>) signed.map().get("documents")).get(0).get("id");
        byte[] pdf = kyso.get("/api/v1/signing-requests/" + created.string("id") + "/documents/" + document + "/signed")
                .body();
        IndependentValidators.assertPadesLtValid(pdf, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        IndependentValidators.assertPdfsigValid(pdf);
    }

    @Test
    void shouldRefuseAnIdentityLoginOfAnotherPerson() {
        Pending citizen = enrollPending();
        PageClient browser = codesGiven(citizen);
        HttpResponse<String> mismatch = identityLogin(browser, citizen, "001099099999");
        assertEquals(403, mismatch.statusCode(), mismatch.body());
        assertTrue(mismatch.body().contains("không phải của người được đăng ký"), mismatch.body());
        assertEquals("PENDING_ACTIVATION", kyso.get("/api/v1/citizens/" + citizen.id()).string("credentialStatus"));
        assertEquals("credential.not_activated", newRequest(citizen).code());
    }

    @Test
    void shouldRefuseAnIdentityStepPassedToAnotherBrowser() {
        Pending citizen = enrollPending();
        codesGiven(citizen);
        PageClient otherBrowser = new PageClient(kyso.url(""));
        otherBrowser.get(citizen.activationPath());
        HttpResponse<String> refused = otherBrowser.get(citizen.activationPath() + "/identity");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("cùng một trình duyệt"), refused.body());
        assertEquals("PENDING_ACTIVATION", kyso.get("/api/v1/citizens/" + citizen.id()).string("credentialStatus"));
    }

    @Test
    void shouldIgnoreAProviderAnswerThatReachesAnotherBrowser() {
        Pending citizen = enrollPending();
        PageClient browser = codesGiven(citizen);
        HttpResponse<String> toProvider = browser.get(citizen.activationPath() + "/identity");
        URI back = vneid.logIn(URI.create(toProvider.headers().firstValue("location").orElseThrow()),
                citizen.nationalId());
        HttpResponse<String> elsewhere = new PageClient(kyso.url("")).get(back.getRawPath() + "?" + back.getRawQuery());
        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
        HttpResponse<String> replay = browser.get(back.getRawPath() + "?" + back.getRawQuery());
        assertEquals(400, replay.statusCode(), "the login's state worked once: " + replay.body());
        assertEquals("PENDING_ACTIVATION", kyso.get("/api/v1/citizens/" + citizen.id()).string("credentialStatus"));
    }
}
