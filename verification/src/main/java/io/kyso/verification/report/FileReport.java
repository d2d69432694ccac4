package io.kyso.verification.report;

import java.util.List;

/**
 * One file of a dossier.
 *
 * @param index      position in the dossier, from 0
 * @param name       the file's name as given
 * @param kind       PDF or XML (anything else is refused before the engine runs)
 * @param sha256     hex SHA-256 of the file
 * @param size       bytes
 * @param status     what the file is: signed, not signed, covered by another file's detached
 *                   signature, or unreadable
 * @param verdict    the file's verdict: the worst of its signatures' (and of a detached signature
 *                   covering it); INVALID for an unsigned or unreadable file
 * @param reason     why, in plain words
 * @param signatures its own signatures
 * @param coveredBy  for a file a detached signature covers: the index of the file holding that signature
 * @param fetched    what the verifier fetched over the network for this file, when it was allowed to;
 *                   empty when offline
 */
public record FileReport(
        int index,
        String name,
        FileKind kind,
        String sha256,
        long size,
        Status status,
        Verdict verdict,
        Finding reason,
        List<SignatureReport> signatures,
        Integer coveredBy,
        List<Fetch> fetched) {

    public FileReport {
        signatures = List.copyOf(signatures);
        fetched = fetched == null ? List.of() : List.copyOf(fetched);
    }

    public enum Status { SIGNED, NO_SIGNATURE, DETACHED_CONTENT, UNREADABLE }
}
