package io.kyso.signer.signing.pades;

import com.itextpdf.signatures.ICrlClient;
import com.itextpdf.signatures.IOcspClient;
import com.itextpdf.signatures.ITSAClient;
import com.itextpdf.signatures.IssuingCertificateRetriever;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.signing.RevocationData;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.Timestamp;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kyso's sources as iText's clients, for one PDF's signing or renewal: timestamps from the
 * configured authority, each certificate's revocation data from its CA's OCSP responder or, if that
 * fails, its CRL ({@link io.kyso.signer.pki.RevocationDataFetcher}'s order). iText asks the OCSP
 * client first and the CRL client only when it gets nothing, so the OCSP client fetches for both and
 * the CRL client hands over a CRL fetched instead. A source that cannot answer throws, and iText
 * lets it through: the signature is not made. Remembers every timestamp it obtained, the newest
 * last. Not thread-safe: one signing.
 */
final class ItextSources implements ITSAClient, IOcspClient, ICrlClient {
    /** Room for a token with its certificates in a document timestamp: a chain of RSA-4096 certificates fits. */
    private static final int TOKEN_SIZE_ESTIMATE = 8192;

    private final LongTermSources sources;
    private final DigestAlgorithm timestampDigest;
    private final Map<X509Certificate, Optional<RevocationData>> fetched = new HashMap<>();
    private final List<Timestamp> timestamps = new ArrayList<>();
    private final IssuingCertificateRetriever issuers = new IssuingCertificateRetriever();

    ItextSources(LongTermSources sources, DigestAlgorithm timestampDigest, List<X509Certificate> knownCertificates) {
        this.sources = sources;
        this.timestampDigest = timestampDigest;
        // the chain is complete: iText must not go looking for issuers on the network
        issuers.addKnownCertificates(List.<Certificate>copyOf(knownCertificates));
    }

    /** Finds issuers among the certificates known here and the timestamps' certificates. */
    IssuingCertificateRetriever issuers() {
        return issuers;
    }

    /** The newest timestamp obtained, if any. */
    Optional<Timestamp> newestTimestamp() {
        return timestamps.isEmpty() ? Optional.empty() : Optional.of(timestamps.get(timestamps.size() - 1));
    }

    @Override
    public int getTokenSizeEstimate() {
        return TOKEN_SIZE_ESTIMATE;
    }

    @Override
    public MessageDigest getMessageDigest() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(timestampDigest.jcaName());
    }

    @Override
    public byte[] getTimeStampToken(byte[] imprint) {
        Timestamp token = sources.timestamp(timestampDigest, imprint);
        timestamps.add(token);
        issuers.addKnownCertificates(List.<Certificate>copyOf(token.certificates()));
        return token.der();
    }

    /** The responder's BasicOCSPResponse (what iText embeds), or nothing if the CRL had to answer instead. */
    @Override
    public byte[] getEncoded(X509Certificate certificate, X509Certificate issuer, String url) {
        if (issuer == null) {
            return null; // a trust anchor, or a certificate whose issuer iText could not place
        }
        Optional<RevocationData> evidence = fetched.computeIfAbsent(certificate, c -> sources.revocation(c, issuer));
        return evidence.filter(e -> e.source() == RevocationData.Source.OCSP).map(e -> basic(e.der())).orElse(null);
    }

    /** The CRL fetched for {@code certificate} when its OCSP responder did not answer. */
    @Override
    public Collection<byte[]> getEncoded(X509Certificate certificate, String url) {
        Optional<RevocationData> evidence = fetched.getOrDefault(certificate, Optional.empty());
        return evidence.filter(e -> e.source() == RevocationData.Source.CRL).map(e -> List.of(e.der())).orElse(null);
    }

    private static byte[] basic(byte[] ocspResponse) {
        try {
            return ((BasicOCSPResp) new OCSPResp(ocspResponse).getResponseObject()).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OCSPException e) {
            throw new IllegalStateException("a checked OCSP answer no longer parses", e);
        }
    }
}
