package io.kyso.verification.audit;

/**
 * Checks audit entries fed in sequence order and names the first that fails: an <em>edited</em>
 * entry no longer matches its own hash; a <em>missing</em> one leaves a gap in the sequence numbers;
 * a <em>reordered</em> one leaves a gap that it fills later (sequence numbers are hashed, so moving an
 * entry cannot hide behind renumbering); an entry whose link to its
 * predecessor is wrong was rewritten together with its hash (or its predecessor was). The service's
 * live check and {@code kyso-verify audit} use this one walker. Not thread-safe.
 */
public final class AuditChainWalker {
    private long count;
    private long redacted;
    private long expectedSeq = 1;
    private String expectedPrev = ChainedEntry.GENESIS;
    private Long firstBroken;
    private String problem;
    /** While the first failure is a gap: the entry that came instead; if the gap's start shows up later, it was moved. */
    private Long jumpedTo;

    public void accept(ChainedEntry entry) {
        count++;
        if (entry.isRedacted()) {
            redacted++;
        }
        if (firstBroken == null) {
            check(entry);
        } else if (jumpedTo != null && entry.seq() == firstBroken) {
            problem = "entry " + firstBroken + " is out of order: entry " + jumpedTo + " comes before it";
            jumpedTo = null;
        }
        expectedSeq = entry.seq() + 1;
        expectedPrev = entry.entryHash();
    }

    private void check(ChainedEntry entry) {
        long seq = entry.seq();
        if (seq > expectedSeq) {
            fail(expectedSeq, seq == expectedSeq + 1 ? "entry " + expectedSeq + " is missing"
                    : "entries " + expectedSeq + " to " + (seq - 1) + " are missing");
            jumpedTo = seq;
        } else if (seq < expectedSeq) {
            fail(seq, "entry " + seq + " is out of order (it comes after entry " + (expectedSeq - 1) + ")");
        } else if (!entry.hashMatches()) {
            fail(seq, "entry " + seq + " was edited: its content does not match its hash");
        } else if (!entry.prevHash().equals(expectedPrev)) {
            fail(seq, "entry " + seq + " does not chain to entry " + (seq - 1)
                    + ": one of the two was rewritten, or they were swapped");
        }
    }

    /** Marks an unreadable record: the entry after the last good one. */
    public void unreadable(long lineNumber) {
        count++;
        if (firstBroken == null) {
            fail(expectedSeq, "line " + lineNumber + " is not an audit entry (entry " + expectedSeq + " expected)");
        }
    }

    private void fail(long seq, String why) {
        firstBroken = seq;
        problem = why;
    }

    /** Also fails when the chain stops before {@code headSeq}, the last entry the log recorded. */
    public ChainCheck finish(long headSeq) {
        if (firstBroken == null && expectedSeq - 1 != headSeq) {
            fail(expectedSeq, "entries from " + expectedSeq + " to " + headSeq + " are missing");
        }
        return result();
    }

    public ChainCheck result() {
        return new ChainCheck(count, redacted, firstBroken == null, firstBroken, problem, expectedSeq - 1,
                count == 0 ? null : expectedPrev);
    }
}
