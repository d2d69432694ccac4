package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.PadesTwoPhaseSigningHelper;
import com.itextpdf.signatures.cms.CMSContainer;
import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SigningContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;

/**
 * A PDF with its signature field in place and its CMS built but for the signature value: assembling
 * puts the value into the CMS (checking that it signs exactly these signed attributes) and the CMS
 * into the field, through iText's two-phase PAdES helper.
 */
final class PadesPending implements PendingSignature {
    private final Path prepared;
    private final String fieldName;
    private final CMSContainer cms;
    private final DataToSign data;
    private final SigningContext context;

    PadesPending(Path prepared, String fieldName, CMSContainer cms, DataToSign data, SigningContext context) {
        this.prepared = prepared;
        this.fieldName = fieldName;
        this.cms = cms;
        this.data = data;
        this.context = context;
    }

    @Override
    public DataToSign dataToSign() {
        return data;
    }

    @Override
    public String format() {
        return "PAdES-BASELINE-B";
    }

    @Override
    public void assemble(SignatureValue value, Path output) throws IOException, GeneralSecurityException {
        if (!value.signed().equals(data)) {
            throw new SignatureException("the value signs other data than this document's");
        }
        PadesTwoPhaseSigningHelper helper = new PadesTwoPhaseSigningHelper()
                .setStampingProperties(new StampingProperties().useAppendMode())
                .setTemporaryDirectoryPath(context.workDir().toString());
        try (OutputStream out = Files.newOutputStream(output)) {
            helper.signCMSContainerWithBaselineBProfile(new PrecomputedSignature(value),
                    new PdfReader(prepared.toFile()), out, fieldName, cms);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SignatureException("iText could not assemble the PAdES signature", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(prepared);
        } catch (IOException ignored) {
            // a leftover in the store's tmp/ is harmless; the folder can be emptied at any time
        }
    }
}
