package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.LtvVerification;
import com.itextpdf.signatures.PadesTwoPhaseSigningHelper;
import com.itextpdf.signatures.cms.CMSContainer;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.Timestamp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Optional;

/**
 * A PDF with its signature field in place and its CMS built but for the signature value: assembling
 * puts the value into the CMS (checking that it signs exactly these signed attributes) and the CMS
 * into the field, through iText's two-phase PAdES helper (its B-B or B-T profile: B-T adds a
 * signature timestamp to the CMS); B-LT then adds, as an incremental update, a document security
 * store with the certificates and revocation data of the signer's and the timestamping unit's chains;
 * B-LTA then a document timestamp over all of it ({@link ItextLongTerm}, as the helper's LT and LTA
 * profiles do, but file to file).
 */
final class PadesPending implements PendingSignature {
    private final Path prepared;
    private final String fieldName;
    private final CMSContainer cms;
    private final DataToSign data;
    private final SignerIdentity signer;
    private final SigningContext context;
    private final LongTermSources sources;
    private ItextSources used;

    PadesPending(Path prepared, String fieldName, CMSContainer cms, DataToSign data, SignerIdentity signer,
                 SigningContext context, LongTermSources sources) {
        this.prepared = prepared;
        this.fieldName = fieldName;
        this.cms = cms;
        this.data = data;
        this.signer = signer;
        this.context = context;
        this.sources = sources;
    }

    @Override
    public DataToSign dataToSign() {
        return data;
    }

    @Override
    public String format() {
        return context.level().formatName("PAdES");
    }

    @Override
    public Optional<Timestamp> newestTimestamp() {
        return used == null ? Optional.empty() : used.newestTimestamp();
    }

    @Override
    public void assemble(SignatureValue value, Path output) throws IOException, GeneralSecurityException {
        if (!value.signed().equals(data)) {
            throw new SignatureException("the value signs other data than this document's");
        }
        used = new ItextSources(sources, DigestAlgorithm.SHA256, signer.chain());
        PadesTwoPhaseSigningHelper helper = new PadesTwoPhaseSigningHelper()
                .setStampingProperties(new StampingProperties().useAppendMode())
                .setTemporaryDirectoryPath(context.workDir().toString())
                .setTSAClient(used);
        PrecomputedSignature signature = new PrecomputedSignature(value);
        SignatureLevel level = context.level();
        Path timestamped = level.carriesValidationData() ? Files.createTempFile(context.workDir(), "pades-t-", ".pdf") : null;
        Path validated = level == SignatureLevel.B_LTA ? Files.createTempFile(context.workDir(), "pades-lt-", ".pdf") : null;
        try {
            try (OutputStream out = Files.newOutputStream(timestamped != null ? timestamped : output)) {
                PdfReader reader = new PdfReader(prepared.toFile());
                if (level.isTimestamped()) {
                    helper.signCMSContainerWithBaselineTProfile(signature, reader, out, fieldName, cms);
                } else {
                    helper.signCMSContainerWithBaselineBProfile(signature, reader, out, fieldName, cms);
                }
            }
            if (timestamped != null) {
                ItextLongTerm.addValidationData(timestamped, fieldName, used,
                        LtvVerification.RevocationDataNecessity.REQUIRED_FOR_SIGNING_CERTIFICATE,
                        validated != null ? validated : output);
            }
            if (validated != null) {
                ItextLongTerm.addDocumentTimestamp(validated, used, context.workDir(), output);
            }
        } catch (Exception e) {
            throw failure(e);
        } finally {
            deleteQuietly(timestamped);
            deleteQuietly(validated);
        }
        if (level.isTimestamped() && used.newestTimestamp().isEmpty()) {
            throw new SignatureException("iText made a " + format() + " signature without asking for a timestamp");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover in the store's tmp/ is harmless; the folder can be emptied at any time
            }
        }
    }

    /**
     * iText's failure as it is (thrown, or returned to throw); a source's failure comes through the
     * same way, as iText threw or wrapped it (the caller finds it among the causes).
     */
    static GeneralSecurityException failure(Exception e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        return e instanceof GeneralSecurityException security ? security
                : new SignatureException("iText could not assemble the PAdES signature", e);
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
