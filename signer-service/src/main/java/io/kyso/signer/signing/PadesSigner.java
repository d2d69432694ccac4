package io.kyso.signer.signing;

import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.SignerProperties;
import io.kyso.hsm.HsmToken;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.util.UUID;

/**
 * PAdES-BASELINE-B with iText: SHA-256, the signing certificate and its chain embedded, an
 * invisible signature added as an incremental update (so signatures already in the PDF stay
 * valid). Reads from and writes to files, so large documents are not held in memory.
 */
@Singleton
public class PadesSigner implements DocumentSigner {
    private final HsmToken hsm;

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
    public void sign(Path input, Path output, SignerIdentity signer, String reason)
            throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(output)) {
            PdfPadesSigner pades = new PdfPadesSigner(new PdfReader(input.toFile()), out)
                    .setStampingProperties(new StampingProperties().useAppendMode())
                    .setTemporaryDirectoryPath(output.getParent().toString());
            SignerProperties properties = new SignerProperties()
                    .setFieldName("Kyso-" + UUID.randomUUID())
                    .setReason(reason)
                    .setSignatureCreator("Kyso");
            pades.signWithBaselineBProfile(properties, signer.chain().toArray(new Certificate[0]),
                    new HsmExternalSignature(hsm, signer.keyAlias(), signer.spec()));
        }
    }
}
