package io.kyso.verification.audit;

/**
 * The outcome of walking an audit chain.
 *
 * @param entries          how many entries were read
 * @param redacted         how many of them were redacted (only their links could be checked)
 * @param valid            every entry matches its hash, chains to the one before, and none is missing
 * @param firstBrokenEntry the sequence number of the first entry that fails, or null
 * @param problem          what is wrong with it, in plain words, or null
 * @param lastSeq          the last sequence number read (compare with the service's head to detect a
 *                         truncated export)
 * @param lastHash         the last entry's hash
 */
public record ChainCheck(long entries, long redacted, boolean valid, Long firstBrokenEntry, String problem,
                         long lastSeq, String lastHash) {
}
