package io.kyso.signer.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Walks the audit log from the first entry and checks that each one's hash matches its fields, that
 * it chains to the entry before it, and that no sequence number is missing. The first entry that
 * fails any of these is reported: an edited entry fails its own hash, a deleted one leaves a gap,
 * a reordered one breaks the chain.
 */
@Singleton
public class AuditChainVerifier {
    private final AuditLog log;

    public AuditChainVerifier(AuditLog log) {
        this.log = log;
    }

    /** The outcome of a verification. {@code firstBrokenEntry} is the sequence number, or null. */
    @Serdeable
    public record Result(long entries, boolean valid, @Nullable Long firstBrokenEntry, @Nullable String problem) {
    }

    public Result verify() {
        long headSeq = log.headSeq();
        Walker walker = new Walker();
        log.forEach(walker::accept);
        return walker.finish(headSeq);
    }

    /** Checks entries fed in order; usable by offline tools too. */
    public static final class Walker {
        private long count;
        private long expectedSeq = 1;
        private String expectedPrev = AuditEntry.GENESIS;
        private Long firstBroken;
        private String problem;

        public void accept(AuditEntry entry) {
            count++;
            if (firstBroken == null) {
                check(entry);
            }
            expectedSeq = entry.seq() + 1;
            expectedPrev = entry.entryHash();
        }

        private void check(AuditEntry entry) {
            if (entry.seq() != expectedSeq) {
                fail(entry.seq(), "entry " + expectedSeq + " is missing or out of order (found " + entry.seq() + ")");
            } else if (!entry.prevHash().equals(expectedPrev)) {
                fail(entry.seq(), "entry " + entry.seq() + " does not chain to the entry before it");
            } else if (!entry.hashMatches()) {
                fail(entry.seq(), "entry " + entry.seq() + " was altered: its content does not match its hash");
            }
        }

        private void fail(long seq, String why) {
            firstBroken = seq;
            problem = why;
        }

        public Result result() {
            return new Result(count, firstBroken == null, firstBroken, problem);
        }

        /** Also checks that the log reaches the last sequence number the head row recorded. */
        Result finish(long headSeq) {
            if (firstBroken == null && expectedSeq - 1 != headSeq) {
                fail(expectedSeq, "entries from " + expectedSeq + " to " + headSeq + " are missing");
            }
            return result();
        }
    }
}
