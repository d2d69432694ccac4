package io.kyso.signer.crash;

import java.util.UUID;

/**
 * A POST that got no answer (the service died under it): everything needed to send it again exactly
 * as it was, with the same {@code Idempotency-Key}. {@code requestId} is null for a create.
 */
record LostCall(Phase phase, String path, byte[] body, String idempotencyKey, UUID citizenId, String phone,
                UUID requestId, String round) {

    String describe() {
        return phase + " " + path + " (Idempotency-Key " + idempotencyKey + ", " + round + ")";
    }
}
