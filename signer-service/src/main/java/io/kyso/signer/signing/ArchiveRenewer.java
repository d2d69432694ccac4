package io.kyso.signer.signing;

import io.kyso.hsm.DigestAlgorithm;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Renews a B-LTA signed document's archive timestamp, for one format: the validation data of its
 * newest timestamp is added, then a new timestamp over all of it (PAdES: a document timestamp in an
 * incremental update; XAdES: an ArchiveTimeStamp). The signed document is read, never changed; the
 * renewed one is written to {@code output}. Implementations are stateless and thread-safe.
 */
public interface ArchiveRenewer {

    /** Whether this renewer handles documents of {@code contentType}. */
    boolean supports(String contentType);

    /**
     * Writes {@code signed} with a new archive timestamp into {@code output}, and returns that
     * timestamp; the sources' failures are thrown as they come (nothing is written then).
     */
    Timestamp renew(KeptSignature signed, Path output) throws IOException, GeneralSecurityException;

    /**
     * A signed document Kyso keeps: the file to renew, its original (which an enveloped XML signature
     * is put back into, and a detached one covers), the original's name as the portal gave it, its
     * options, the hash the new timestamp is to be made over, and a folder for temporary files.
     */
    record KeptSignature(Path signedFile, Path original, String documentName, DocumentOptions options,
                         DigestAlgorithm timestampDigest, Path workDir) {
    }
}
