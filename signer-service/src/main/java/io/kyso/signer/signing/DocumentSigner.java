package io.kyso.signer.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** Signs one document of one format. Implementations are stateless and thread-safe. */
public interface DocumentSigner {

    /** Whether this signer handles documents of {@code contentType}. */
    boolean supports(String contentType);

    /** The format and level this signer produces, e.g. {@code PAdES-BASELINE-B}. */
    String format();

    /** Reads {@code input}, writes the signed document (or a detached signature) to {@code output}. */
    void sign(Path input, Path output, SignerIdentity signer, SigningContext context)
            throws IOException, GeneralSecurityException;
}
