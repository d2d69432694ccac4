package io.kyso.signer.signing.xades;

import io.kyso.hsm.SignatureScheme;
import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SignerIdentity;
import org.apache.xml.security.signature.XMLSignature;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Base64;

/**
 * An XML signature built but for its value: assembling writes the value into ds:SignatureValue (an
 * ECDSA value comes from the HSM as DER, XML-DSig wants r||s) and writes the output, which is read
 * back and verified before it is handed over.
 */
final class XadesPending implements PendingSignature {

    /** Writes the completed signature (spliced into the original, or as a detached file) and checks it. */
    @FunctionalInterface
    interface Writer {
        void write(Path output) throws IOException, GeneralSecurityException;
    }

    private final DataToSign data;
    private final SignerIdentity signer;
    private final XMLSignature signature;
    private final Writer writer;

    XadesPending(DataToSign data, SignerIdentity signer, XMLSignature signature, Writer writer) {
        this.data = data;
        this.signer = signer;
        this.signature = signature;
        this.writer = writer;
    }

    @Override
    public DataToSign dataToSign() {
        return data;
    }

    @Override
    public String format() {
        return "XAdES-BASELINE-B";
    }

    @Override
    public void assemble(SignatureValue value, Path output) throws IOException, GeneralSecurityException {
        if (!value.signed().equals(data)) {
            throw new SignatureException("the value signs other data than this document's");
        }
        byte[] raw = data.scheme() == SignatureScheme.ECDSA
                ? XadesSigner.rawEcdsa(value.value(), (signer.spec().size() + 7) / 8) : value.value();
        XadesSigner.signatureValueElement(signature).setTextContent(Base64.getEncoder().encodeToString(raw));
        writer.write(output);
    }

    @Override
    public void close() {
        // nothing on disk: the signature lives in memory until it is written
    }
}
