package io.kyso.signer.crash;

import io.kyso.signer.testing.IndependentValidators;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything checked after a restart, with no load running, for every request the portal side was
 * ever told about: it exists, its state has not gone back, its signed documents are the bytes
 * acknowledged and carry one valid signature; then the store ({@link StoreCheck}) and the audit log
 * ({@link AuditCheck}). Every violation is collected; none stops the check.
 */
final class CrashChecks {
    /**
     * What a check found: its violations, every request's state then (for the next check's comparison),
     * and the temporary files in the store's {@code tmp/}.
     */
    record Outcome(List<Violation> violations, Map<UUID, String> statuses, List<String> temporaryFiles, String summary) {
    }

    private static final Set<String> NOT_FINAL = Set.of("AWAITING_CONFIRMATION", "SIGNING");

    private final PortalApi api;
    private final Ledger ledger;
    private final Path store;
    /** pdfsig's verdict per signed file's SHA-256: empty when valid, else what is wrong. */
    private final Map<String, String> pdfsigVerdicts = new ConcurrentHashMap<>();

    CrashChecks(PortalApi api, Ledger ledger, Path store) {
        this.api = api;
        this.ledger = ledger;
        this.store = store;
    }

    Outcome run(String when) {
        List<Violation> violations = new ArrayList<>();
        ObservedRequests observed = new ObservedRequests(api);
        int signedDocuments = 0;
        for (TrackedRequest request : ledger.requests()) {
            signedDocuments += checkRequest(request, observed, when, violations);
        }
        AuditCheck.Findings audit = AuditCheck.read(api, when, violations);
        StoreCheck.Findings files = new StoreCheck(store).run(observed, when, violations);
        for (UUID unknown : unanswered(observed, audit, files)) {
            Answer found = observed.get(unknown);
            violations.add(new Violation(when, Invariant.NO_UNANSWERED_REQUEST, "request " + unknown + " (citizen "
                    + found.field("citizenId") + ", reference " + found.field("reference") + ")",
                    "nothing: no answer ever named it (a create whose answer was lost, retried into another request?)",
                    found.field("status")));
        }
        audit.judgeSignatures(observed, when, violations);
        Map<UUID, String> statuses = new HashMap<>();
        observed.existing().forEach((id, answer) -> statuses.put(id, answer.field("status")));
        String summary = ledger.requests().size() + " acknowledged requests, " + observed.existing().size()
                + " requests seen, " + signedDocuments + " signed documents checked, " + files.summary() + ", "
                + audit.summary();
        return new Outcome(violations, statuses, files.staged(), summary);
    }

    /** Requests that exist (in the store or the audit log) but that no answer to the portal named. */
    private List<UUID> unanswered(ObservedRequests observed, AuditCheck.Findings audit, StoreCheck.Findings files) {
        Set<UUID> candidates = new LinkedHashSet<>(audit.createdRequests());
        candidates.addAll(files.requests());
        return candidates.stream().filter(id -> !ledger.knows(id) && observed.exists(id)).toList();
    }

    /** @return how many signed documents of the request were checked */
    private int checkRequest(TrackedRequest request, ObservedRequests observed, String when, List<Violation> violations) {
        Answer now = observed.get(request.id());
        String subject = "request " + request.id();
        if (now.status() != 200) {
            violations.add(new Violation(when, Invariant.REQUEST_EXISTS, subject, request.acknowledgement(), now.summary()));
            return 0;
        }
        String status = now.field("status");
        if (!NOT_FINAL.contains(request.acknowledged()) && !request.acknowledged().equals(status)) {
            Invariant broken = "SIGNED".equals(request.acknowledged()) ? Invariant.SIGNED_STAYS_SIGNED
                    : Invariant.STATE_NOT_BEHIND;
            violations.add(new Violation(when, broken, subject, request.acknowledgement(), status));
        } else if (!NOT_FINAL.contains(status) && NOT_FINAL.contains(request.acknowledged())) {
            ledger.acknowledged(request.id(), now, "GET in the check " + when);
        }
        int signed = 0;
        for (UUID document : request.documents()) {
            signed += checkDocument(request, now, document, when, violations);
        }
        return signed;
    }

    private int checkDocument(TrackedRequest request, Answer now, UUID document, String when, List<Violation> violations) {
        String subject = "document " + document + " of request " + request.id();
        String status = ObservedRequests.documentStatus(now, document);
        String acknowledgedSha = request.signedSha256().get(document);
        if (!"SIGNED".equals(status)) {
            if (acknowledgedSha != null) {
                violations.add(new Violation(when, Invariant.SIGNED_STAYS_SIGNED, subject,
                        "SIGNED, signedSha256 " + acknowledgedSha + " (" + request.where() + ")", "document " + status));
            }
            return 0;
        }
        Answer download = api.get(PortalWorker.signedPath(request.id(), document));
        if (download.status() != 200) {
            violations.add(new Violation(when, Invariant.SIGNED_BYTES_UNCHANGED, subject,
                    "SIGNED, signedSha256 " + ObservedRequests.signedSha256(now, document), "download " + download.summary()));
            return 1;
        }
        byte[] bytes = download.response().body();
        String sha = sha256(bytes);
        String recorded = ObservedRequests.signedSha256(now, document);
        if (!sha.equals(recorded)) {
            violations.add(new Violation(when, Invariant.SIGNED_BYTES_UNCHANGED, subject,
                    "the request's signedSha256 " + recorded, "the download's SHA-256 " + sha));
        }
        if (acknowledgedSha != null && !acknowledgedSha.equals(sha)) {
            violations.add(new Violation(when, Invariant.SIGNED_BYTES_UNCHANGED, subject,
                    "signedSha256 " + acknowledgedSha + " (" + request.where() + ")", "the download's SHA-256 " + sha));
        }
        byte[] before = request.downloaded().get(document);
        if (before != null && !Arrays.equals(before, bytes)) {
            violations.add(new Violation(when, Invariant.SIGNED_BYTES_UNCHANGED, subject,
                    "downloaded " + before.length + " bytes, SHA-256 " + sha256(before),
                    bytes.length + " bytes, SHA-256 " + sha));
        } else if (before == null) {
            ledger.downloaded(request.id(), document, bytes);
        }
        String verdict = pdfsigVerdicts.computeIfAbsent(sha, key -> pdfsigProblem(bytes));
        if (!verdict.isEmpty()) {
            violations.add(new Violation(when, Invariant.ONE_VALID_SIGNATURE, subject, "SIGNED, SHA-256 " + sha, verdict));
        }
        return 1;
    }

    /** Empty if pdfsig finds exactly one signature and calls it valid; else what it said. */
    private static String pdfsigProblem(byte[] pdf) {
        IndependentValidators.PdfsigResult result = IndependentValidators.pdfsig(pdf);
        boolean one = result.signatures() == 1 && result.validations().size() == 1
                && result.validations().get(0).endsWith("Signature is Valid.");
        return one ? "" : "pdfsig: " + result.signatures() + " signature(s), " + result.validations();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
