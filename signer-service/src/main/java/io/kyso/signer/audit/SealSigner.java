package io.kyso.signer.audit;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.pki.ServiceSeal;
import io.kyso.signer.timestamping.TimestampClient;
import io.kyso.signer.timestamping.TimestampToken;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SignatureException;
import java.util.List;

/**
 * Seals a chain head's statement: the service's seal signs it (detached CAdES-BASELINE-B, in the
 * HSM), then the timestamping authority stamps the signature value and the token goes into the
 * signature as its {@code signature-time-stamp} attribute, which makes it CAdES-BASELINE-T: EU DSS (and
 * so {@code kyso-verify}) checks both. Thread-safe.
 *
 * @throws io.kyso.signer.timestamping.TimestampException from {@link #sign} when the authority fails
 */
@Singleton
public class SealSigner {
    private final ServiceSeal seal;
    private final TimestampClient timestamps;

    public SealSigner(ServiceSeal seal, TimestampClient timestamps) {
        this.seal = seal;
        this.timestamps = timestamps;
    }

    /** The timestamped detached signature (DER CMS) over {@code statement}. */
    byte[] sign(byte[] statement) {
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(statement), seal.signDetached(statement));
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            TimestampToken token = timestamps.timestamp(DigestAlgorithm.SHA256, sha256(signer.getSignature()));
            Attribute stamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token.der())));
            SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer,
                    new AttributeTable(new DERSet(stamp)));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(List.of(stamped)))
                    .getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("cannot assemble the audit seal", e);
        } catch (SignatureException e) {
            throw new IllegalStateException("the service's seal failed on an audit chain head", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
