package io.kyso.signer.audit;

import io.kyso.signer.pki.ServiceSeal;
import io.kyso.verification.audit.AuditSealStatement;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * Checks a stored seal online, before the service says a chain is valid: the signature over the
 * statement verifies and was made by the service's own seal key (the one in the HSM), and the
 * timestamp inside covers that signature value and verifies with its unit's certificate, which must
 * be a timestamping unit's. The full check with trust anchors and revocation is {@code kyso-verify}'s
 * (EU DSS), on an export. Thread-safe.
 */
@Singleton
public class SealCheck {
    private final ServiceSeal seal;

    public SealCheck(ServiceSeal seal) {
        this.seal = seal;
    }

    /** What the check found: the statement and the authority's time when valid, else the problem. */
    public record Verdict(AuditSealStatement statement, Instant timestampedAt, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    public Verdict check(AuditSeals.StoredSeal stored) {
        AuditSealStatement statement = stored.statement();
        if (statement == null) {
            return new Verdict(null, null, "a seal's statement cannot be read");
        }
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(stored.statementBytes()), stored.signature());
            if (signed.getSignerInfos().size() != 1) {
                return new Verdict(statement, null, "the seal of " + statement.sealedAt() + " holds other than one signature");
            }
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            X509Certificate sealCertificate = seal.chain().get(0);
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(sealCertificate))) {
                return new Verdict(statement, null, "the seal of " + statement.sealedAt() + " is not the service's");
            }
            TimeStampToken token = timestamp(signer);
            if (token == null) {
                return new Verdict(statement, null, "the seal of " + statement.sealedAt() + " carries no timestamp");
            }
            return timestampProblem(token, signer.getSignature())
                    .map(problem -> new Verdict(statement, null, "the timestamp of the seal of " + statement.sealedAt()
                            + " " + problem))
                    .orElseGet(() -> new Verdict(statement, token.getTimeStampInfo().getGenTime().toInstant(), null));
        } catch (Exception e) {
            // a signature that cannot even be parsed or checked is not the service's
            return new Verdict(statement, null, "the seal of " + statement.sealedAt() + " does not verify: " + e.getMessage());
        }
    }

    private static TimeStampToken timestamp(SignerInformation signer) throws Exception {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        return attribute == null ? null
                : new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
    }

    private static Optional<String> timestampProblem(TimeStampToken token, byte[] signatureValue)
            throws Exception {
        if (!NISTObjectIdentifiers.id_sha256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
                || !Arrays.equals(SealSigner.sha256(signatureValue), token.getTimeStampInfo().getMessageImprintDigest())) {
            return Optional.of("is over something else than the seal's signature");
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> units = token.getCertificates().getMatches(token.getSID());
        if (units.isEmpty()) {
            return Optional.of("carries no certificate of its unit");
        }
        X509Certificate unit = new JcaX509CertificateConverter().getCertificate(units.iterator().next());
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(unit)); // throws if it does not verify
        if (unit.getExtendedKeyUsage() == null || !unit.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.8")) {
            return Optional.of("was not made by a timestamping unit");
        }
        return Optional.empty();
    }
}
