package io.kyso.signer.audit;

import io.kyso.verification.audit.AuditChainWalker;
import io.kyso.verification.audit.AuditSealStatement;
import io.kyso.verification.audit.ChainCheck;
import io.kyso.verification.audit.ChainedEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a chain, the full one or one portal's: walks it with the engine's {@link AuditChainWalker}
 * (the same code {@code kyso-verify audit} runs on an export) and compares its end with the head row;
 * has the HSM check every entry's MAC (an entry edited with its hashes recomputed is caught); and
 * checks the chain's latest seal (signed and timestamped) against it: entries deleted after it with
 * the head rewound, or a chain rebuilt, no longer match it. Everything committed before the call is
 * chained first. If the HSM cannot be reached, the answer is 503, never "valid".
 */
@Singleton
public class AuditChainVerifier {
    private final AuditLog log;
    private final AuditMac mac;
    private final AuditSeals seals;
    private final SealCheck sealCheck;

    public AuditChainVerifier(AuditLog log, AuditMac mac, AuditSeals seals, SealCheck sealCheck) {
        this.log = log;
        this.mac = mac;
        this.seals = seals;
        this.sealCheck = sealCheck;
    }

    /**
     * The outcome of a verification, in the numbering of the chain verified ({@code full} or
     * {@code portal:<id>}). {@code firstBrokenEntry} is the sequence number, or null; {@code lastSeq} and
     * {@code lastHash} are the chain's end, to compare an export's with; {@code sealedSeq} and
     * {@code sealedAt} the entry the latest seal covers and the time its timestamp certifies (null: not
     * sealed yet).
     */
    @Serdeable
    @Schema(name = "AuditChainVerification") // its name in the OpenAPI contract and generated clients
    public record Result(String chain, long entries, boolean valid, @Nullable Long firstBrokenEntry,
                         @Nullable String problem, long lastSeq, @Nullable String lastHash, @Nullable Long sealedSeq,
                         @Nullable Instant sealedAt) {
    }

    /** The whole chain, every portal's entries and the service's own. */
    public Result verifyFull() {
        log.flush();
        AuditRows.Head head = log.head();
        Walk walk = new Walk(AuditSealStatement.FULL_CHAIN, false);
        log.forEach(head.seq(), walk::accept);
        return walk.finish(head);
    }

    /** The portal's own chain: nothing in the answer depends on another portal's entries. */
    public Result verifyPortal(String portalId) {
        log.flush();
        AuditRows.Head head = log.portalHead(portalId);
        Walk walk = new Walk(AuditSealStatement.portalChain(portalId), true);
        log.forEachOfPortal(portalId, head.seq(), walk::accept);
        return walk.finish(head);
    }

    /** One walk: the chain, the MACs in batches, the hash of the entry the latest seal covers. */
    private final class Walk {
        private final String chain;
        private final boolean portal;
        private final AuditChainWalker walker = new AuditChainWalker();
        private final Optional<AuditSeals.StoredSeal> seal;
        private final long sealedSeq;
        private final List<AuditEntry> unchecked = new ArrayList<>();
        private Long firstWrongMac;
        private String sealedEntryHash;

        Walk(String chain, boolean portal) {
            this.chain = chain;
            this.portal = portal;
            this.seal = seals.latest(chain);
            this.sealedSeq = seal.map(s -> s.statement() == null ? -1L : s.statement().lastSeq()).orElse(-1L);
        }

        void accept(AuditEntry entry) {
            ChainedEntry view = portal ? entry.toPortalChained() : entry.toChained();
            walker.accept(view);
            if (view.seq() == sealedSeq) {
                sealedEntryHash = view.entryHash();
            }
            unchecked.add(entry);
            if (unchecked.size() == AuditSequencer.BATCH) {
                checkMacs();
            }
        }

        private void checkMacs() {
            int wrong = firstWrongMac == null ? mac.firstWrong(unchecked) : -1;
            if (wrong >= 0) {
                AuditEntry entry = unchecked.get(wrong);
                firstWrongMac = portal ? entry.portalLink().seq() : entry.seq();
            }
            unchecked.clear();
        }

        Result finish(AuditRows.Head head) {
            checkMacs();
            ChainCheck check = walker.finish(head.seq());
            Long broken = check.firstBrokenEntry();
            String problem = check.problem();
            if (firstWrongMac != null && (broken == null || firstWrongMac < broken)) {
                broken = firstWrongMac;
                problem = "entry " + firstWrongMac + " has no valid MAC: it was written or rewritten without the HSM's key";
            }
            SealCheck.Verdict verdict = seal.map(sealCheck::check).orElse(null);
            SealProblem sealProblem = verdict == null ? null : sealProblem(verdict, check);
            if (sealProblem != null && (broken == null || sealProblem.entry() < broken)) {
                broken = sealProblem.entry();
                problem = sealProblem.text();
            }
            boolean sealed = verdict != null && verdict.valid();
            return new Result(chain, check.entries(), broken == null, broken, problem, check.lastSeq(), check.lastHash(),
                    sealed ? verdict.statement().lastSeq() : null, sealed ? verdict.timestampedAt() : null);
        }

        private SealProblem sealProblem(SealCheck.Verdict verdict, ChainCheck check) {
            AuditSealStatement statement = verdict.statement();
            if (!verdict.valid()) {
                return new SealProblem(statement == null ? 1 : Math.max(1, statement.lastSeq()), verdict.problem());
            }
            if (!chain.equals(statement.chain())) {
                return new SealProblem(statement.lastSeq(), "the latest seal was moved from chain " + statement.chain());
            }
            if (statement.lastSeq() > check.lastSeq()) {
                return new SealProblem(check.lastSeq() + 1, "the seal of " + verdict.timestampedAt() + " covers entries up to "
                        + statement.lastSeq() + " but the chain ends at " + check.lastSeq() + ": entries "
                        + (check.lastSeq() + 1) + " to " + statement.lastSeq() + " were deleted");
            }
            if (!statement.lastHash().equals(sealedEntryHash)) {
                return new SealProblem(statement.lastSeq(), "entry " + statement.lastSeq() + " is not the entry sealed at "
                        + verdict.timestampedAt() + ": the chain was rewritten");
            }
            return null;
        }
    }

    private record SealProblem(long entry, String text) {
    }
}
