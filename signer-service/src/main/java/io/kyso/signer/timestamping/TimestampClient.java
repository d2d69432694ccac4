package io.kyso.signer.timestamping;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.pki.PkiHttp;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Gets RFC 3161 timestamps from the configured authority ({@code kyso.timestamping.url}): Kyso's own
 * in development, a licensed one in production, by the same code. Every reply is checked before it
 * is used: status granted, the nonce and the imprint of this request, the token's signature with
 * the certificate it names (ESS binding, valid at the stated time), and that certificate's critical
 * {@code id-kp-timeStamping} extended key usage. A failure is a {@link TimestampException}:
 * {@code Unavailable} (no answer in time, HTTP errors) or {@code Invalid} (anything unusable).
 * Thread-safe.
 */
@Singleton
public class TimestampClient {
    static final String QUERY = "application/timestamp-query";
    static final String REPLY = "application/timestamp-reply";
    private static final int MAX_REPLY_BYTES = 1 << 20;

    private final TimestampingConfiguration config;
    private final PkiHttp http;
    private final SecureRandom random = new SecureRandom();

    public TimestampClient(TimestampingConfiguration config) {
        this.config = config;
        this.http = new PkiHttp(config.connectTimeout(), config.readTimeout(), MAX_REPLY_BYTES);
    }

    /** A checked timestamp token over {@code digest}, the {@code algorithm} hash of what is stamped. */
    public TimestampToken timestamp(DigestAlgorithm algorithm, byte[] digest) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        if (config.policy() != null) {
            generator.setReqPolicy(new ASN1ObjectIdentifier(config.policy()));
        }
        TimeStampRequest request = generator.generate(new ASN1ObjectIdentifier(algorithm.oid()), digest,
                new BigInteger(64, random));
        PkiHttp.Answer answer;
        try {
            answer = http.post(config.url(), QUERY, request.getEncoded(), authorization());
        } catch (IOException e) {
            throw new TimestampException.Unavailable("The timestamping authority did not answer ("
                    + e.getMessage() + "); try again later.", e);
        }
        int status = answer.status();
        if (status / 100 == 5 || status == 429 || status == 408) {
            throw new TimestampException.Unavailable("The timestamping authority answered HTTP " + status
                    + "; try again later.", null);
        }
        String type = answer.contentType().toLowerCase(java.util.Locale.ROOT);
        // "timestamp-response" is what some authorities still send, from the RFC's drafts
        if (status != 200 || !(type.startsWith(REPLY) || type.startsWith("application/timestamp-response"))) {
            throw invalid("answered HTTP " + status + " with '" + answer.contentType() + "', not a timestamp reply", null);
        }
        return check(request, answer.body());
    }

    private TimestampToken check(TimeStampRequest request, byte[] reply) {
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(reply);
        } catch (TSPException | IOException | RuntimeException e) {
            throw invalid("sent a body that is not a timestamp reply", e);
        }
        requireGranted(response);
        try {
            response.validate(request); // nonce, imprint, policy asked for, certificate present as asked
        } catch (TSPException | RuntimeException e) {
            throw invalid("sent a token that does not answer this request: " + e.getMessage(), e);
        }
        TimeStampToken token = response.getTimeStampToken();
        X509Certificate unit = signerCertificate(token);
        try {
            // the signature, the ESS binding to this certificate, its validity at genTime, its EKU
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(unit));
            requireTimestampingOnly(unit);
            return new TimestampToken(token.getEncoded(), token.getTimeStampInfo().getGenTime().toInstant(),
                    token.getTimeStampInfo().getSerialNumber(), certificates(token, unit));
        } catch (TSPException | OperatorCreationException | IOException | CertificateException | RuntimeException e) {
            throw invalid("sent a token that does not verify: " + e.getMessage(), e);
        }
    }

    private static void requireGranted(TimeStampResponse response) {
        int status = response.getStatus();
        if (status == PKIStatus.GRANTED || status == PKIStatus.GRANTED_WITH_MODS) {
            return;
        }
        PKIFailureInfo failure = response.getFailInfo();
        String why = "refused the request (status " + status + (failure == null ? "" : ", failure " + failure.intValue())
                + (response.getStatusString() == null ? "" : ": " + response.getStatusString()) + ")";
        if (failure != null && (failure.intValue() & (PKIFailureInfo.systemFailure | PKIFailureInfo.timeNotAvailable)) != 0) {
            throw new TimestampException.Unavailable("The timestamping authority " + why + "; try again later.", null);
        }
        throw invalid(why, null);
    }

    private static X509Certificate signerCertificate(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw invalid("sent a token without its certificate", null);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
        } catch (CertificateException e) {
            throw invalid("sent a token whose certificate cannot be read", e);
        }
    }

    /** RFC 3161 §2.3: the critical extended key usage, with id-kp-timeStamping as its only purpose. */
    private static void requireTimestampingOnly(X509Certificate unit) throws CertificateParsingException {
        List<String> purposes = unit.getExtendedKeyUsage();
        if (purposes == null || !purposes.equals(List.of(KeyPurposeId.id_kp_timeStamping.getId()))
                || !unit.getCriticalExtensionOIDs().contains("2.5.29.37")) {
            throw invalid("sent a token signed by a certificate that is not a timestamping unit's", null);
        }
    }

    private static List<X509Certificate> certificates(TimeStampToken token, X509Certificate unit) throws CertificateException {
        List<X509Certificate> all = new ArrayList<>(List.of(unit));
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> carried = token.getCertificates().getMatches(null);
        for (X509CertificateHolder holder : carried) {
            X509Certificate certificate = converter.getCertificate(holder);
            if (!certificate.equals(unit)) {
                all.add(certificate);
            }
        }
        return all;
    }

    private String authorization() {
        if (config.username() == null) {
            return null;
        }
        String pair = config.username() + ":" + (config.password() == null ? "" : config.password());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static TimestampException.Invalid invalid(String what, Throwable cause) {
        return new TimestampException.Invalid("The timestamping authority " + what + ".", cause);
    }
}
