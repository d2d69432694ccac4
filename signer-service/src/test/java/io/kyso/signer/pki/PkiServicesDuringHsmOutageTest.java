package io.kyso.signer.pki;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.testing.FlakyHsm;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.timestamping.TimestampClient;
import io.kyso.signer.timestamping.TimestampException;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * While the HSM is away, the OCSP responder and the timestamping authority answer in their own
 * protocols' words (tryLater, systemFailure), which clients retry, and serve again once it is back.
 */
class PkiServicesDuringHsmOutageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void heal() {
        FlakyHsm.heal();
    }

    @Test
    void shouldAnswerTryLaterAndSystemFailureUntilTheHsmIsBack() throws Exception {
        try (KysoTestService kyso = KysoTestService.startReachable(Map.of("kyso.test.flaky-hsm", true))) {
            TimestampClient client = kyso.context().getBean(TimestampClient.class);
            byte[] ocspRequest = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                    .build().get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(kyso.caChain().get(0)),
                    BigInteger.TEN)).build().getEncoded();
            client.timestamp(DigestAlgorithm.SHA256, new byte[32]);
            assertEquals(OCSPResp.SUCCESSFUL, ocsp(kyso, ocspRequest).getStatus());

            FlakyHsm.failAfter(0);
            assertEquals(OCSPResp.TRY_LATER, ocsp(kyso, ocspRequest).getStatus());
            TimeStampResponse refused = timestamp(kyso);
            assertEquals(PKIStatus.REJECTION, refused.getStatus());
            assertEquals(PKIFailureInfo.systemFailure, refused.getFailInfo().intValue());
            assertThrows(TimestampException.Unavailable.class, () -> client.timestamp(DigestAlgorithm.SHA256, new byte[32]));

            FlakyHsm.heal();
            assertEquals(OCSPResp.SUCCESSFUL, ocsp(kyso, ocspRequest).getStatus());
            assertEquals(PKIStatus.GRANTED, timestamp(kyso).getStatus());
        }
    }

    private static OCSPResp ocsp(KysoTestService kyso, byte[] request) throws Exception {
        return new OCSPResp(post(kyso, "/pki/ocsp", "application/ocsp-request", request));
    }

    private static TimeStampResponse timestamp(KysoTestService kyso) throws Exception {
        byte[] request = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded();
        return new TimeStampResponse(post(kyso, "/pki/tsa", "application/timestamp-query", request));
    }

    private static byte[] post(KysoTestService kyso, String path, String type, byte[] body) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(kyso.url(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode(), () -> new String(answer.body()));
        return answer.body();
    }
}
