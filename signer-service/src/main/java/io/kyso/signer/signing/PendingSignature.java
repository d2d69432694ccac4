package io.kyso.signer.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * A document prepared for signing, waiting for its signature value: the explicit state between the
 * stages. Its format knows how to finish it; it may hold temporary files, so it is closed whether
 * or not it was assembled. Not thread-safe; used by one signing at a time.
 */
public interface PendingSignature extends AutoCloseable {

    /** What the key must sign for this document. */
    DataToSign dataToSign();

    /** The signed document (or detached signature) with {@code value} in it, written to {@code output}. */
    void assemble(SignatureValue value, Path output) throws IOException, GeneralSecurityException;

    /** The format and level the assembled signature has, e.g. {@code PAdES-BASELINE-LT}. */
    String format();

    /**
     * Once assembled: the newest timestamp the signed document carries (B-LTA: its archive or
     * document timestamp; B-T, B-LT: the signature timestamp), which renewal watches; none at B-B.
     */
    Optional<Timestamp> newestTimestamp();

    /** Deletes whatever the preparation left on disk; never throws. */
    @Override
    void close();
}
