package io.kyso.verification;

import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.Fetch;
import io.kyso.verification.report.FileKind;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.FileReport.Status;
import io.kyso.verification.report.Finding;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the files' signatures into one verdict per file and one for the dossier. A file is VALID
 * only if it has signatures (its own, or a detached one in another file that covers it) and all are
 * VALID; an unsigned or unreadable file makes the dossier INVALID; otherwise the worst verdict wins.
 * Not thread-safe: one per verification.
 */
final class DossierAssembler {
    private final Instant at;
    private final String validator;
    private final boolean online;
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, FileKind kind, String sha256, long size, List<SignatureReport> signatures,
                         Finding unreadable, List<Fetch> fetched) {
    }

    /** A detached signature in file {@code file} that covers another file. */
    private record Cover(int file, SignatureReport signature) {
    }

    DossierAssembler(Instant at, String validator, boolean online) {
        this.at = at;
        this.validator = validator;
        this.online = online;
    }

    void addRead(String name, FileKind kind, String sha256, long size, List<SignatureReport> signatures,
                 List<Fetch> fetched) {
        entries.add(new Entry(name, kind, sha256, size, signatures, null, fetched));
    }

    void addUnreadable(String name, FileKind kind, String sha256, long size, Finding why) {
        entries.add(new Entry(name, kind, sha256, size, List.of(), why, List.of()));
    }

    DossierReport build() {
        Map<String, Cover> covers = covers();
        List<FileReport> files = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            files.add(fileReport(i, entries.get(i), covers.get(entries.get(i).name())));
        }
        Verdict verdict = files.stream().map(FileReport::verdict).reduce(Verdict.VALID, Verdict::worst);
        int signatures = files.stream().mapToInt(f -> f.signatures().size()).sum();
        int valid = (int) files.stream().flatMap(f -> f.signatures().stream())
                .filter(s -> s.result() == Verdict.VALID).count();
        return new DossierReport(at, validator, verdict, dossierReason(verdict, files, signatures), signatures, valid,
                files, online);
    }

    /** Which file each detached signature covers, by the name its reference gives. */
    private Map<String, Cover> covers() {
        Map<String, Cover> covers = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (SignatureReport signature : entries.get(i).signatures()) {
                for (String covered : signature.coverage().detachedFiles()) {
                    if (covered.equals(entries.get(i).name())) {
                        continue; // a signature over its own file is that file's, not a detached one
                    }
                    Cover earlier = covers.get(covered);
                    if (earlier == null || signature.result().worst(earlier.signature().result()) != earlier.signature().result()) {
                        covers.put(covered, new Cover(i, signature));
                    }
                }
            }
        }
        return covers;
    }

    private FileReport fileReport(int index, Entry entry, Cover cover) {
        if (entry.unreadable() != null) {
            return report(index, entry, Status.UNREADABLE, Verdict.INVALID, entry.unreadable(), null);
        }
        List<SignatureReport> judged = new ArrayList<>(entry.signatures());
        if (cover != null) {
            judged.add(cover.signature());
        }
        if (judged.isEmpty()) {
            return report(index, entry, Status.NO_SIGNATURE, Verdict.INVALID, Finding.of("file.unsigned"), null);
        }
        SignatureReport worst = judged.stream().reduce((a, b) -> a.result().worst(b.result()) == a.result() ? a : b)
                .orElseThrow();
        Status status = entry.signatures().isEmpty() ? Status.DETACHED_CONTENT : Status.SIGNED;
        Finding reason;
        if (worst.result() != Verdict.VALID) {
            reason = worst.reason();
        } else if (status == Status.DETACHED_CONTENT) {
            reason = Finding.of("file.detached_content", entries.get(cover.file()).name());
        } else {
            reason = Finding.of("file.valid", entry.signatures().size());
        }
        return report(index, entry, status, worst.result(), reason, cover == null ? null : cover.file());
    }

    private static FileReport report(int index, Entry entry, Status status, Verdict verdict, Finding reason,
                                     Integer coveredBy) {
        return new FileReport(index, entry.name(), entry.kind(), entry.sha256(), entry.size(), status, verdict, reason,
                entry.signatures(), coveredBy, entry.fetched());
    }

    private static Finding dossierReason(Verdict verdict, List<FileReport> files, int signatures) {
        if (verdict == Verdict.VALID) {
            return Finding.of("dossier.valid", files.size(), signatures);
        }
        List<FileReport> failing = files.stream().filter(f -> f.verdict() == verdict).toList();
        String code = verdict == Verdict.INVALID ? "dossier.invalid" : "dossier.indeterminate";
        return Finding.of(code, failing.size(), failing.get(0).name());
    }
}
