package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.ExternalBlankSignatureContainer;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.SignerProperties;
import com.itextpdf.signatures.cms.AlgorithmIdentifier;
import com.itextpdf.signatures.cms.CMSContainer;
import com.itextpdf.signatures.cms.SignerInfo;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.DocumentOptions.VisibleSignature;
import io.kyso.signer.signing.DocumentSigner;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.appearance.SignatureAppearanceFactory;
import io.kyso.signer.signing.appearance.VisibleSignatureLayout;
import io.kyso.signer.signing.LongTermSources;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.UUID;

/**
 * PAdES baseline signatures (B-B to B-LTA, {@link PadesPending}) with iText, in stages. {@link #prepare} adds the signature field (and
 * its appearance) to the PDF as an incremental update, so signatures already in it stay valid,
 * with room for the CMS; it hashes the document's byte ranges and builds the CMS signed attributes
 * (message digest, signing certificate v2) — their SHA-256 is what the key signs. The pending
 * signature then puts the value into the CMS and the CMS into the PDF ({@link PadesPending}).
 * Reads and writes files, so large documents are not held in memory. Invisible unless the
 * document's options ask for a visible signature, which {@link VisibleSignatureLayout} places and
 * {@link SignatureAppearanceFactory} draws.
 */
@Singleton
public class PadesSigner implements DocumentSigner {
    private static final DigestAlgorithm DIGEST = DigestAlgorithm.SHA256;

    private final SignatureAppearanceFactory appearances = new SignatureAppearanceFactory();
    private final LongTermSources sources;

    /** Signs at any level, with the service's timestamps and revocation data. */
    @Inject
    public PadesSigner(LongTermSources sources) {
        this.sources = sources;
    }

    /** Signs at B-B only (no timestamping authority, no revocation sources). */
    public PadesSigner() {
        this(LongTermSources.NONE);
    }

    @Override
    public boolean supports(String contentType) {
        return "application/pdf".equals(contentType);
    }

    @Override
    public PendingSignature prepare(Path input, SignerIdentity signer, SigningContext context)
            throws IOException, GeneralSecurityException {
        SignerProperties properties = properties(input, signer, context);
        CMSContainer cms = new CMSContainer();
        SignerInfo signerInfo = new SignerInfo();
        X509Certificate[] chain = signer.chain().toArray(new X509Certificate[0]);
        signerInfo.setSigningCertificateAndAddToSignedAttributes(chain[0], DIGEST.oid());
        signerInfo.setDigestAlgorithm(new AlgorithmIdentifier(DIGEST.oid()));
        cms.addCertificates(chain);
        cms.setSignerInfo(signerInfo);
        // as iText's own two-phase helper sizes it: hex, the digest and the CMS, and a timestamp if one comes
        int estimatedSize = (DIGEST.length() + (int) cms.getSizeEstimation()) * 2 + 2 + context.level().cmsReserve();
        Path prepared = Files.createTempFile(context.workDir(), "pades-", ".pdf");
        try {
            try (OutputStream out = Files.newOutputStream(prepared)) {
                // a temporary file, not memory, holds the document while iText lays out the field: a
                // 100 MB scan is signed within a small heap (iText's own two-phase signer has no such option)
                PdfSigner fieldWriter = new PdfSigner(new PdfReader(input.toFile()), out, context.workDir().toString(),
                        new StampingProperties().useAppendMode(), properties);
                DocumentDigest digest = new DocumentDigest();
                fieldWriter.signExternalContainer(digest, estimatedSize);
                signerInfo.setMessageDigest(digest.value());
            }
            DataToSign data = new DataToSign(DIGEST, digest(cms.getSerializedSignedAttributes()),
                    signer.schemeFor(context.options()));
            return new PadesPending(prepared, properties.getFieldName(), cms, data, signer, context, sources);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Files.deleteIfExists(prepared);
            throw e;
        }
    }

    /** The same normalized text in /Reason and /Location as in the visible signature, and the same instant as /M. */
    private SignerProperties properties(Path input, SignerIdentity signer, SigningContext context) throws IOException {
        SignerProperties properties = new SignerProperties()
                .setFieldName("Kyso-" + UUID.randomUUID())
                .setReason(context.reason() == null ? null : SignatureAppearanceFactory.nfc(context.reason()))
                .setClaimedSignDate(GregorianCalendar.from(context.signingTime().atZone(ZoneOffset.UTC)))
                .setSignatureCreator("Kyso");
        if (context.options().location() != null) {
            properties.setLocation(SignatureAppearanceFactory.nfc(context.options().location()));
        }
        VisibleSignature visible = context.options().visibleSignature();
        if (visible != null) {
            VisibleSignatureLayout layout = layout(input, visible);
            properties.setPageNumber(layout.page())
                    .setPageRect(layout.rect())
                    .setSignatureAppearance(appearances.create(SignatureAppearanceFactory.lines(signer.fullName(),
                            context.signingTime(), context.reason(), context.options().location()), layout));
        }
        return properties;
    }

    /** Reads the pages' count, boxes and rotation first: iText wants the rectangle before it opens the PDF to sign. */
    private static VisibleSignatureLayout layout(Path input, VisibleSignature visible) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(input.toFile()))) {
            return VisibleSignatureLayout.of(pdf, visible);
        }
    }

    private static byte[] digest(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(DIGEST.jcaName()).digest(data);
    }

    /**
     * Leaves the signature's room empty and hashes the document's byte ranges as iText streams them,
     * with the JDK's SHA-256, which uses the CPU's SHA instructions (iText's default, Bouncy Castle's
     * Java code, was the service's largest CPU cost on a 5 MB PDF: docs/performance.md).
     */
    private static final class DocumentDigest extends ExternalBlankSignatureContainer {
        private byte[] value;

        DocumentDigest() {
            super(PdfName.Adobe_PPKLite, PdfName.ETSI_CAdES_DETACHED);
        }

        @Override
        public byte[] sign(InputStream data) throws GeneralSecurityException {
            MessageDigest sha = MessageDigest.getInstance(DIGEST.jcaName());
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot read the document's byte ranges", e);
            }
            value = sha.digest();
            return new byte[0];
        }

        byte[] value() {
            return value.clone();
        }
    }
}
