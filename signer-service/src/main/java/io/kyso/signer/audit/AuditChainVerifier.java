package io.kyso.signer.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import io.kyso.verification.audit.AuditChainWalker;
import io.kyso.verification.audit.ChainCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Walks the whole audit log with the engine's {@link AuditChainWalker} (the same code
 * {@code kyso-verify audit} runs on an export) and compares its end with the head row, so a
 * truncated log is caught too.
 */
@Singleton
public class AuditChainVerifier {
    private final AuditLog log;

    public AuditChainVerifier(AuditLog log) {
        this.log = log;
    }

    /**
     * The outcome of a verification. {@code firstBrokenEntry} is the sequence number, or null;
     * {@code lastSeq} and {@code lastHash} are the chain's end, to compare an export's with.
     */
    @Serdeable
    @Schema(name = "AuditChainVerification") // its name in the OpenAPI contract and generated clients
    public record Result(long entries, boolean valid, @Nullable Long firstBrokenEntry, @Nullable String problem,
                         long lastSeq, @Nullable String lastHash) {
        static Result of(ChainCheck check) {
            return new Result(check.entries(), check.valid(), check.firstBrokenEntry(), check.problem(),
                    check.lastSeq(), check.lastHash());
        }
    }

    public Result verify() {
        long headSeq = log.headSeq();
        AuditChainWalker walker = new AuditChainWalker();
        log.forEach(entry -> walker.accept(entry.toChained()));
        return Result.of(walker.finish(headSeq));
    }
}
