package io.kyso.verification.evidence;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.validation.reports.Reports;
import io.kyso.verification.Digests;
import io.kyso.verification.InputFile;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.Verifier;
import io.kyso.verification.dss.DssRun;
import io.kyso.verification.dss.KysoPolicy;
import io.kyso.verification.dss.SignatureReader;
import io.kyso.verification.evidence.EvidenceManifest.Entry;
import io.kyso.verification.evidence.EvidenceManifest.Role;
import io.kyso.verification.evidence.EvidenceReport.FileCheck;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Checks an evidence package offline: the seal over the manifest (EU DSS, CAdES), every file's
 * SHA-256 against the manifest, nothing unlisted, every audit entry's hash, and the signed documents
 * as a dossier. The package's CRLs (hash-checked like everything else) are revocation data as of
 * the package's making, added to the trust material given. Thread-safe.
 */
public final class EvidenceVerifier {
    private final KysoPolicy policy = KysoPolicy.load();
    private final Supplier<TrustMaterial> trust;
    private final Clock clock;
    private final Verifier dossiers;

    public EvidenceVerifier(Supplier<TrustMaterial> trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
        this.dossiers = new Verifier(trust, clock);
    }

    public EvidenceReport verify(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("kyso-evidence-");
        try {
            Map<String, Path> files = SafeZip.unpack(zip, dir);
            Path manifestFile = files.get(EvidenceManifest.MANIFEST);
            Path sealFile = files.get(EvidenceManifest.SIGNATURE);
            if (manifestFile == null || sealFile == null) {
                return failed(null, "the package has no " + EvidenceManifest.MANIFEST + " and "
                        + EvidenceManifest.SIGNATURE + ": it is not a Kyso evidence package");
            }
            byte[] manifestBytes = Files.readAllBytes(manifestFile);
            EvidenceManifest manifest = EvidenceManifest.fromJson(manifestBytes);
            return new PackageCheck(manifest, files).run(manifestBytes, Files.readAllBytes(sealFile));
        } catch (IOException e) {
            return failed(null, "the package cannot be read: " + e.getMessage());
        } finally {
            deleteTree(dir);
        }
    }

    private static EvidenceReport failed(String requestId, String problem) {
        return new EvidenceReport(false, requestId, List.of(problem), null, List.of(), null, 0);
    }

    /** The checks of one package, in the order a reader would make them. */
    private final class PackageCheck {
        private final EvidenceManifest manifest;
        private final Map<String, Path> files;
        private final List<String> problems = new ArrayList<>();
        private final List<FileCheck> checks = new ArrayList<>();

        PackageCheck(EvidenceManifest manifest, Map<String, Path> files) {
            this.manifest = manifest;
            this.files = files;
        }

        EvidenceReport run(byte[] manifestBytes, byte[] seal) throws IOException {
            checkFiles();
            TrustMaterial material = trust.get().withCrls(intactContents(Role.REVOCATION));
            SignatureReport sealReport = seal(manifestBytes, seal, material);
            DossierReport documents = documents(material);
            int auditEntries = auditEntries();
            return new EvidenceReport(problems.isEmpty(), manifest.requestId(), problems, sealReport, checks,
                    documents, auditEntries);
        }

        private void checkFiles() throws IOException {
            Set<String> listed = new HashSet<>(Set.of(EvidenceManifest.MANIFEST, EvidenceManifest.SIGNATURE));
            for (Entry entry : manifest.files()) {
                listed.add(entry.path());
                Path file = files.get(entry.path());
                boolean intact = file != null && Files.size(file) == entry.size() && Digests.sha256(file).hex().equals(entry.sha256());
                checks.add(new FileCheck(entry.path(), entry.role(), file != null, intact));
                if (file == null) {
                    problems.add(entry.path() + " is listed in the manifest but missing");
                } else if (!intact) {
                    problems.add(entry.path() + " was changed: its SHA-256 is not the one the manifest lists");
                }
            }
            files.keySet().stream().filter(name -> !listed.contains(name))
                    .forEach(name -> problems.add(name + " is in the package but not in the manifest"));
        }

        private SignatureReport seal(byte[] manifestBytes, byte[] seal, TrustMaterial material) {
            Reports reports = DssRun.validate(new InMemoryDocument(seal, EvidenceManifest.SIGNATURE), DssRun.Format.CMS,
                    List.of(new InMemoryDocument(manifestBytes, EvidenceManifest.MANIFEST)), material, clock.instant(), policy);
            List<String> ids = reports.getSimpleReport().getSignatureIdList();
            if (ids.size() != 1) {
                problems.add("the manifest's seal holds " + ids.size() + " signatures instead of one");
                return null;
            }
            SignatureReport report = SignatureReader.read(reports, ids.get(0), Set.of());
            if (report.result() != Verdict.VALID) {
                problems.add("the manifest's seal is not valid: " + report.reason().text());
            }
            return report;
        }

        /** The signed documents, and the originals their detached signatures cover, as one dossier. */
        private DossierReport documents(TrustMaterial material) throws IOException {
            List<InputFile> inputs = new ArrayList<>();
            for (Entry entry : manifest.files()) {
                boolean verified = entry.role() == Role.SIGNED || entry.role() == Role.ORIGINAL && entry.detached();
                if (verified && present(entry)) {
                    inputs.add(new InputFile(entry.name(), files.get(entry.path())));
                }
            }
            if (inputs.isEmpty()) {
                problems.add("the package holds no signed document");
                return null;
            }
            DossierReport report = dossiers.verify(inputs, material).report();
            if (report.verdict() != Verdict.VALID) {
                problems.add("the signed documents are not valid: " + report.reason().text());
            }
            return report;
        }

        private int auditEntries() throws IOException {
            int count = 0;
            for (Entry entry : manifest.files()) {
                if (entry.role() == Role.AUDIT && present(entry)) {
                    AuditEntries.Check check = AuditEntries.check(files.get(entry.path()), manifest.requestId());
                    count += check.entries();
                    problems.addAll(check.problems());
                }
            }
            return count;
        }

        private List<byte[]> intactContents(Role role) throws IOException {
            List<byte[]> contents = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                if (checks.get(i).role() == role && checks.get(i).intact()) {
                    contents.add(Files.readAllBytes(files.get(checks.get(i).path())));
                }
            }
            return contents;
        }

        private boolean present(Entry entry) {
            return files.containsKey(entry.path());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
