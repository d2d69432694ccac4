package io.kyso.signer.audit;

import io.kyso.signer.portal.Portal;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /api/v1/audit/verify}: checks the whole audit chain and names the first broken entry. */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {
    private final AuditChainVerifier verifier;

    public AuditController(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Get("/verify")
    public AuditChainVerifier.Result verify(Portal portal) {
        return verifier.verify();
    }
}
