package io.kyso.signer.pki;

import jakarta.inject.Singleton;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Asks a certificate's OCSP responder (the URL in its Authority Information Access) for its
 * status, and checks the answer before anyone relies on it: successful, signed by the issuer or
 * by a responder the issuer delegated to ({@code id-kp-OCSPSigning}), about this certificate, our
 * nonce if it echoes one, and current. Thread-safe.
 */
@Singleton
public class OcspClient {
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final PkiHttp http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final DigestCalculatorProvider digests;

    public OcspClient(RevocationFetchConfiguration config, Clock clock) {
        this.http = new PkiHttp(config.connectTimeout(), config.readTimeout(), MAX_RESPONSE_BYTES);
        this.clock = clock;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code certificate} names an OCSP responder. */
    public boolean hasResponder(X509Certificate certificate) {
        return CertificateUrls.ocsp(certificate).isPresent();
    }

    /** The checked answer of {@code certificate}'s responder about it. */
    public RevocationEvidence check(X509Certificate certificate, X509Certificate issuer) {
        URI url = CertificateUrls.ocsp(certificate).orElseThrow(() ->
                new RevocationDataException.Invalid("The certificate names no OCSP responder.", null));
        try {
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            OCSPReq request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(
                    new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(new DEROctetString(nonce).getEncoded())))).build();
            PkiHttp.Answer answer = post(url, request.getEncoded());
            return read(answer.body(), certificate, issuer, id, nonce);
        } catch (OCSPException | OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new RevocationDataException.Invalid("The OCSP exchange with " + url + " failed: " + e.getMessage(), e);
        }
    }

    private PkiHttp.Answer post(URI url, byte[] request) {
        PkiHttp.Answer answer;
        try {
            answer = http.post(url, PkiController.OCSP_REQUEST, request, null);
        } catch (IOException e) {
            throw new RevocationDataException.Unavailable("The OCSP responder " + url + " did not answer ("
                    + e.getMessage() + ").", e);
        }
        if (answer.status() / 100 == 5 || answer.status() == 429) {
            throw new RevocationDataException.Unavailable("The OCSP responder " + url + " answered HTTP "
                    + answer.status() + ".", null);
        }
        if (answer.status() != 200) {
            throw new RevocationDataException.Invalid("The OCSP responder " + url + " answered HTTP " + answer.status() + ".", null);
        }
        return answer;
    }

    private RevocationEvidence read(byte[] der, X509Certificate certificate, X509Certificate issuer, CertificateID id,
                                    byte[] nonce) throws IOException, OCSPException, GeneralSecurityException,
            OperatorCreationException {
        OCSPResp response = new OCSPResp(der);
        if (response.getStatus() == OCSPResp.TRY_LATER || response.getStatus() == OCSPResp.INTERNAL_ERROR) {
            throw new RevocationDataException.Unavailable("The OCSP responder cannot answer now (status "
                    + response.getStatus() + ").", null);
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            throw invalid("refused the request (status " + response.getStatus() + ")");
        }
        X509Certificate signer = responderOf(basic, issuer);
        if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.getPublicKey()))) {
            throw invalid("sent an answer whose signature does not verify");
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !Arrays.equals(echoed.getExtnValue().getOctets(), new DEROctetString(nonce).getEncoded())) {
            throw invalid("echoed another nonce");
        }
        SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> r.getCertID().equals(id)).findFirst()
                .orElseThrow(() -> invalid("answered about another certificate"));
        Instant now = clock.instant();
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))
                || (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now.minus(CLOCK_SKEW)))) {
            throw invalid("sent an answer that is not current");
        }
        return new RevocationEvidence(certificate, RevocationEvidence.Source.OCSP, der, state(single), thisUpdate);
    }

    private static RevocationEvidence.State state(SingleResp single) {
        Object status = single.getCertStatus();
        if (status == null) {
            return RevocationEvidence.State.GOOD;
        }
        return status instanceof RevokedStatus ? RevocationEvidence.State.REVOKED : RevocationEvidence.State.UNKNOWN;
    }

    /**
     * Who may sign the answer (RFC 6960 §4.2.2.2): the issuer itself, or a certificate the issuer
     * signed for OCSP signing that the answer carries.
     */
    private X509Certificate responderOf(BasicOCSPResp basic, X509Certificate issuer)
            throws GeneralSecurityException, OCSPException, OperatorCreationException {
        if (names(basic.getResponderId(), new JcaX509CertificateHolder(issuer))) {
            return issuer;
        }
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate candidate = new JcaX509CertificateConverter().getCertificate(holder);
            if (names(basic.getResponderId(), holder) && isDelegated(candidate, issuer)) {
                return candidate;
            }
        }
        throw invalid("sent an answer signed by neither the issuer nor a responder it delegated to");
    }

    /** Whether the responder ID names {@code certificate}, by name or by key hash. */
    private boolean names(RespID responder, X509CertificateHolder certificate) throws OCSPException, OperatorCreationException {
        return responder.equals(new RespID(certificate.getSubject()))
                || responder.equals(new RespID(certificate.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
    }

    private static boolean isDelegated(X509Certificate candidate, X509Certificate issuer) {
        try {
            candidate.verify(issuer.getPublicKey());
            candidate.checkValidity();
            List<String> purposes = candidate.getExtendedKeyUsage();
            return purposes != null && purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static RevocationDataException.Invalid invalid(String what) {
        return new RevocationDataException.Invalid("The OCSP responder " + what + ".", null);
    }
}
