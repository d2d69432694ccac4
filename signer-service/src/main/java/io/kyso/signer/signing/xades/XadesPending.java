package io.kyso.signer.signing.xades;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.SignatureScheme;
import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.Timestamp;
import org.apache.xml.security.signature.XMLSignature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Base64;
import java.util.Optional;

/**
 * An XML signature built but for its value: assembling writes the value into ds:SignatureValue (an
 * ECDSA value comes from the HSM as DER, XML-DSig wants r||s) and writes the output, which is read
 * back and verified before it is handed over. Above B-B the B-B signature is written first, taken
 * to the level asked ({@link XadesAugmentation}), and the augmented signature element written
 * into the output in place of it.
 */
final class XadesPending implements PendingSignature {

    private final DataToSign data;
    private final SignerIdentity signer;
    private final XMLSignature signature;
    private final Placement placement;
    private final SigningContext context;
    private final XadesAugmentation augmentation;
    private Timestamp newest;

    XadesPending(DataToSign data, SignerIdentity signer, XMLSignature signature, Placement placement,
                 SigningContext context, XadesAugmentation augmentation) {
        this.data = data;
        this.signer = signer;
        this.signature = signature;
        this.placement = placement;
        this.context = context;
        this.augmentation = augmentation;
    }

    @Override
    public DataToSign dataToSign() {
        return data;
    }

    @Override
    public String format() {
        return context.level().formatName("XAdES");
    }

    @Override
    public Optional<Timestamp> newestTimestamp() {
        return Optional.ofNullable(newest);
    }

    @Override
    public void assemble(SignatureValue value, Path output) throws IOException, GeneralSecurityException {
        if (!value.signed().equals(data)) {
            throw new SignatureException("the value signs other data than this document's");
        }
        byte[] raw = data.scheme() == SignatureScheme.ECDSA
                ? XadesSigner.rawEcdsa(value.value(), (signer.spec().size() + 7) / 8) : value.value();
        XadesSigner.signatureValueElement(signature).setTextContent(Base64.getEncoder().encodeToString(raw));
        String markup = XadesSigner.markupOf(signature.getElement());
        if (context.level() == SignatureLevel.B_B) {
            placement.write(markup, output);
            return;
        }
        Path basic = Files.createTempFile(context.workDir(), "xades-b-", ".xml");
        try {
            placement.write(markup, basic);
            XadesAugmentation.Augmented augmented = augmentation.augment(basic, placement.detached(),
                    signature.getId(), context.level(), DigestAlgorithm.SHA256, signer.chain(), context.workDir());
            placement.write(augmented.signatureMarkup(), output);
            newest = augmented.newestTimestamp();
        } finally {
            Files.deleteIfExists(basic);
        }
    }

    @Override
    public void close() {
        // nothing on disk: the signature lives in memory until it is written
    }
}
