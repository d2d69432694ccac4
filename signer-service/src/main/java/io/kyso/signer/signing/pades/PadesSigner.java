package io.kyso.signer.signing.pades;

import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.DocumentSigner;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.appearance.SignatureAppearanceFactory;
import io.kyso.signer.signing.appearance.VisibleSignatureLayout;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.BouncyCastleDigest;
import com.itextpdf.signatures.IExternalDigest;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.SignerProperties;
import io.kyso.hsm.HsmToken;
import io.kyso.signer.signing.DocumentOptions.VisibleSignature;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.UUID;

/**
 * PAdES-BASELINE-B with iText: SHA-256, the signing certificate and its chain embedded, added as an
 * incremental update (so signatures already in the PDF stay valid). Invisible unless the document's
 * options ask for a visible signature, which {@link VisibleSignatureLayout} places and
 * {@link SignatureAppearanceFactory} draws. Reads from and writes to files, so large documents are
 * not held in memory.
 */
@Singleton
public class PadesSigner implements DocumentSigner {
    /**
     * The document's byte ranges hashed by the JDK's SHA-256, which uses the CPU's SHA instructions,
     * instead of iText's default, Bouncy Castle's Java code: that was the service's largest CPU cost
     * on a 5 MB PDF (docs/performance.md). Any other name iText asks for goes to its default.
     */
    private static final IExternalDigest JDK_DIGEST = algorithm -> {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return new BouncyCastleDigest().getMessageDigest(algorithm);
        }
    };

    private final HsmToken hsm;
    private final SignatureAppearanceFactory appearances = new SignatureAppearanceFactory();

    public PadesSigner(HsmToken hsm) {
        this.hsm = hsm;
    }

    @Override
    public boolean supports(String contentType) {
        return "application/pdf".equals(contentType);
    }

    @Override
    public String format() {
        return "PAdES-BASELINE-B";
    }

    @Override
    public void sign(Path input, Path output, SignerIdentity signer, SigningContext context)
            throws IOException, GeneralSecurityException {
        // the same normalized text in /Reason and /Location as in the visible signature
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
            makeVisible(properties, layout(input, visible), signer, context);
        }
        try (OutputStream out = Files.newOutputStream(output)) {
            PdfPadesSigner pades = new PdfPadesSigner(new PdfReader(input.toFile()), out)
                    .setStampingProperties(new StampingProperties().useAppendMode())
                    .setTemporaryDirectoryPath(output.getParent().toString())
                    .setExternalDigest(JDK_DIGEST);
            pades.signWithBaselineBProfile(properties, signer.chain().toArray(new Certificate[0]),
                    new HsmExternalSignature(hsm, signer));
        }
    }

    /** The signing text shows the same instant as /M, the reason and location as /Reason and /Location. */
    private void makeVisible(SignerProperties properties, VisibleSignatureLayout layout, SignerIdentity signer,
                             SigningContext context) {
        properties.setPageNumber(layout.page())
                .setPageRect(layout.rect())
                .setSignatureAppearance(appearances.create(SignatureAppearanceFactory.lines(signer.fullName(),
                        context.signingTime(), context.reason(), context.options().location()), layout));
    }

    /** Reads the pages' count, boxes and rotation first: iText wants the rectangle before it opens the PDF to sign. */
    private static VisibleSignatureLayout layout(Path input, VisibleSignature visible) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(input.toFile()))) {
            return VisibleSignatureLayout.of(pdf, visible);
        }
    }
}
