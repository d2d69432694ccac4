package io.kyso.signer.crash;

/** Where a portal flow stands: the call a worker thread is inside, or none. */
enum Phase {
    IDLE,
    /** {@code POST /api/v1/signing-requests} */
    CREATE,
    /** {@code GET /dev/outbox} */
    READ_CODE,
    /** {@code POST …/confirmation}: the service signs inside this call */
    CONFIRM,
    /** {@code GET …/documents/{id}/signed} */
    DOWNLOAD
}
