package io.kyso.bench.library;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;

/**
 * PAdES-BASELINE-B with EU DSS (PDFBox), the way DSS documents it: data to sign, the token signs,
 * the signed document assembled. Same level, digest, key and chain as Kyso's {@code PadesSigner}.
 */
public final class DssPadesSigner {
    private final PAdESService service = new PAdESService(new CommonCertificateVerifier());
    private final HsmDssToken token;

    public DssPadesSigner(HsmToken hsm, KeyEntry key) {
        this.token = new HsmDssToken(hsm, key);
    }

    public void sign(Path input, Path output) throws IOException {
        DSSDocument document = new FileDocument(input.toFile());
        DSSPrivateKeyEntry key = token.entry();
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(Arrays.asList(key.getCertificateChain()));
        parameters.setReason("Kyso benchmark");
        parameters.bLevel().setSigningDate(new Date());
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        SignatureValue value = token.sign(toBeSigned, DigestAlgorithm.SHA256, key);
        service.signDocument(document, parameters, value).save(output.toString());
    }
}
