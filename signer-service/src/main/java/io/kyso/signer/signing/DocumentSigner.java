package io.kyso.signer.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Signs documents of one format, in stages: {@link #prepare} reads the document and returns what the
 * key must sign and how to finish ({@link PendingSignature}); the key signs elsewhere ({@link KeySigner});
 * the pending signature assembles the signed document with the value. The key is never handed to the
 * format. Implementations are stateless and thread-safe.
 */
public interface DocumentSigner {

    /** Whether this signer handles documents of {@code contentType}. */
    boolean supports(String contentType);

    /** Prepares {@code input} for {@code signer}'s signature as {@code context} describes it. */
    PendingSignature prepare(Path input, SignerIdentity signer, SigningContext context)
            throws IOException, GeneralSecurityException;

    /** The three stages for one document: prepare, sign with {@code keys}, assemble into {@code output}. */
    default String sign(Path input, Path output, SignerIdentity signer, SigningContext context, KeySigner keys)
            throws IOException, GeneralSecurityException {
        try (PendingSignature pending = prepare(input, signer, context)) {
            pending.assemble(keys.sign(signer, pending.dataToSign()), output);
            return pending.format();
        }
    }
}
