package io.kyso.signer.pki;

import io.kyso.hsm.HsmToken;
import io.kyso.signer.testing.AdjustableClock;
import io.kyso.signer.testing.KysoTestService;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delegated OCSP responder's certificate is short-lived (its status is never checked): a new
 * key and certificate take over when a third of the validity remains, and a key whose certificate
 * has expired is destroyed.
 */
class OcspResponderRenewalTest {

    @Test
    void shouldAnswerWithANewResponderWhenAThirdOfItsValidityRemains() throws Exception {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.test.adjustable-clock", true,
                "kyso.pki.ocsp-responder-validity", "30d"))) {
            AdjustableClock clock = AdjustableClock.of(kyso);
            X509Certificate citizen = certificateOf(kyso.enroll("Tôn Đức Thắng", "079099007101", "+84901007101", null));
            X509Certificate issuing = kyso.caChain().get(0);
            long firstPeriod = clock.millis() / Duration.ofDays(10).toMillis();

            X509Certificate first = responderOf(kyso, citizen);
            clock.advance(Duration.ofDays(10));
            X509Certificate second = responderOf(kyso, citizen);
            clock.advance(Duration.ofDays(30));
            X509Certificate later = responderOf(kyso, citizen);

            assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
            assertNotEquals(first.getPublicKey(), second.getPublicKey(), "a new key, not only a new certificate");
            assertTrue(second.getNotAfter().after(first.getNotAfter()));
            assertTrue(first.getNotAfter().toInstant().isBefore(clock.instant()), "the first has expired by now");
            HsmToken hsm = kyso.context().getBean(HsmToken.class);
            assertFalse(hsm.find(OcspResponderKey.aliasFor(issuing, firstPeriod)).isPresent(), "the expired key is gone");
            assertTrue(hsm.find(OcspResponderKey.aliasFor(issuing, clock.millis() / Duration.ofDays(10).toMillis())).isPresent());
            assertNotEquals(second.getSerialNumber(), later.getSerialNumber());
        }
    }

    /** Asks about {@code citizen}, checks the answer is "good" and signed, and returns who signed it. */
    private static X509Certificate responderOf(KysoTestService kyso, X509Certificate citizen) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(kyso.caChain().get(0)), citizen.getSerialNumber());
        byte[] answer = kyso.context().getBean(OcspResponder.class).respond(new OCSPReqBuilder().addRequest(id).build()
                .getEncoded());
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(answer).getResponseObject();
        assertNull(basic.getResponses()[0].getCertStatus(), "good");
        X509CertificateHolder responder = basic.getCerts()[0];
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)));
        return new JcaX509CertificateConverter().getCertificate(responder);
    }

    private static X509Certificate certificateOf(Map<String, Object> citizen) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(((String) citizen.get("certificate")).getBytes(StandardCharsets.US_ASCII)));
    }
}
