package io.kyso.signer.evidence;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEntry;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.pki.ServiceSeal;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.DocumentStatus;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestService;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.support.FileNames;
import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.evidence.EvidenceManifest.Entry;
import io.kyso.verification.evidence.EvidenceManifest.Role;
import io.kyso.verification.evidence.EvidenceManifest;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SignatureException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence package of a signing request, one ZIP a portal can file and anyone can check offline
 * ({@code kyso-verify evidence}):
 * <pre>
 *   documents/&lt;n&gt;/&lt;name&gt;          each original, and its signed file beside it
 *   audit/entries.jsonl             the request's audit entries with their hashes in the portal's chain
 *   revocation/*.crl                the CA's CRLs when the package was made
 *   manifest.json                   every other file with its SHA-256 (the engine's EvidenceManifest)
 *   manifest.json.p7s               the manifest, sealed by the service (CAdES-BASELINE-B, detached)
 * </pre>
 * Files are streamed from the store into the ZIP and hashed on the way, never held whole in memory.
 */
@Singleton
public class EvidencePackager {
    private final SigningRequestService requests;
    private final DocumentStore store;
    private final AuditLog audit;
    private final CertificateAuthority ca;
    private final ServiceSeal seal;
    private final Clock clock;

    public EvidencePackager(SigningRequestService requests, DocumentStore store, AuditLog audit, CertificateAuthority ca,
                            ServiceSeal seal, Clock clock) {
        this.requests = requests;
        this.store = store;
        this.audit = audit;
        this.ca = ca;
        this.seal = seal;
        this.clock = clock;
    }

    /** The package as a temporary file, which the caller streams once and deletes. */
    public record Package(Path file, String fileName) {
    }

    public Package write(Portal portal, UUID requestId) {
        SigningRequest request = requests.get(portal, requestId);
        try {
            Path file = store.newTempFile();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                List<Entry> entries = new ArrayList<>();
                for (Document doc : request.documents()) {
                    addDocument(zip, doc, entries);
                }
                entries.add(add(zip, "audit/entries.jsonl", Role.AUDIT, "entries.jsonl", auditLines(portal, requestId), false));
                entries.add(add(zip, "revocation/issuing-ca.crl", Role.REVOCATION, "issuing-ca.crl", ca.crl(), false));
                if (ca.rootCrl().isPresent()) {
                    entries.add(add(zip, "revocation/root-ca.crl", Role.REVOCATION, "root-ca.crl", ca.rootCrl().get(), false));
                }
                byte[] manifest = new EvidenceManifest(EvidenceManifest.FORMAT, request.id().toString(), request.title(),
                        request.portalId(), request.status().name(), request.createdAt(), clock.instant(), entries).toJson();
                put(zip, EvidenceManifest.MANIFEST, manifest);
                put(zip, EvidenceManifest.SIGNATURE, seal.signDetached(manifest));
            }
            audit.append(AuditRecord.of(AuditEventType.EVIDENCE_EXPORTED, Actor.of(portal)).portal(portal.id())
                    .request(requestId).build());
            return new Package(file, "kyso-evidence-" + request.reference() + ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence package of " + requestId, e);
        } catch (SignatureException e) {
            throw new IllegalStateException("the seal failed on the evidence manifest of " + requestId, e);
        }
    }

    private void addDocument(ZipOutputStream zip, Document doc, List<Entry> entries) throws IOException {
        String folder = "documents/" + (doc.position() + 1) + "/";
        try (InputStream in = store.open(doc.originalKey())) {
            entries.add(add(zip, folder + FileNames.clean(doc.name(), "document"), Role.ORIGINAL, doc.name(), in, doc.isDetachedSignature()));
        }
        if (doc.status() == DocumentStatus.SIGNED) {
            try (InputStream in = store.open(doc.signedKey())) {
                entries.add(add(zip, folder + FileNames.clean(doc.signedName(), "document"), Role.SIGNED, doc.signedName(), in,
                        doc.isDetachedSignature()));
            }
        }
    }

    private byte[] auditLines(Portal portal, UUID requestId) throws IOException {
        StringWriter lines = new StringWriter();
        for (AuditEntry entry : audit.forRequest(portal.id(), requestId)) {
            if (entry.portalLink() != null) {
                AuditJsonLines.write(entry.toPortalChained(), lines); // numbered in the portal's own chain
            }
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The manifest and its seal, which the manifest cannot list. */
    private static void put(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }

    private static Entry add(ZipOutputStream zip, String path, Role role, String name, byte[] content, boolean detached)
            throws IOException {
        return add(zip, path, role, name, new ByteArrayInputStream(content), detached);
    }

    private static Entry add(ZipOutputStream zip, String path, Role role, String name, InputStream content,
                             boolean detached) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest sha = sha256();
        DigestOutputStream out = new DigestOutputStream(zip, sha);
        long size = content.transferTo(out);
        zip.closeEntry();
        return new Entry(path, role, name, HexFormat.of().formatHex(sha.digest()), size, detached);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
