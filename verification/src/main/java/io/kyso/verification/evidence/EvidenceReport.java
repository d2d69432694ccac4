package io.kyso.verification.evidence;

import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.SignatureReport;

import java.util.List;

/**
 * What {@code kyso-verify evidence} found in a package.
 *
 * @param valid        the seal is VALID, every listed file is there with its hash, nothing unlisted is
 *                     there, every audit entry matches its hash, and the documents verify VALID
 * @param problems     everything that is wrong, in plain words (empty when valid)
 * @param seal         the manifest's signature, as the engine judged it; null if there is none
 * @param files        each file the manifest lists, and whether it is there unchanged
 * @param documents    the signed documents (with a detached signature's original) verified as a dossier;
 *                     null if there was nothing to verify
 * @param auditEntries how many audit entries the package holds
 */
public record EvidenceReport(boolean valid, String requestId, List<String> problems, SignatureReport seal,
                             List<FileCheck> files, DossierReport documents, int auditEntries) {

    public EvidenceReport {
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /** One listed file: present, and with the SHA-256 and size the manifest gives. */
    public record FileCheck(String path, EvidenceManifest.Role role, boolean present, boolean intact) {
    }
}
