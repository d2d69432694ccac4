package io.kyso.signer.audit;

import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.verification.audit.AuditExportLine;
import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.AuditSealStatement;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a chain as JSON Lines (the engine's {@link AuditJsonLines}, which {@code kyso-verify audit}
 * checks): a header naming the chain, its entries, the seal over its last entry (sealed now if the
 * head moved since the last seal) and the CA's revocation lists to check the seal with.
 *
 * <p>A portal exports its own chain: its entries numbered and linked among themselves, nothing of any
 * other portal, not even how many entries they have. An auditor listed in
 * {@code kyso.audit.full-chain-readers} exports the full chain, every entry in full.
 */
@Singleton
public class AuditExport {
    private final AuditLog log;
    private final AuditSeals seals;
    private final CertificateAuthority ca;
    private final DocumentStore store;
    private final AuditConfiguration config;
    private final Clock clock;

    public AuditExport(AuditLog log, AuditSeals seals, CertificateAuthority ca, DocumentStore store,
                       AuditConfiguration config, Clock clock) {
        this.log = log;
        this.seals = seals;
        this.ca = ca;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** Which chain to export: the portal's own, or the full one. */
    public enum Scope { PORTAL, FULL }

    /** A temporary file with the export; the caller reads it once and deletes it. */
    public Path write(Portal portal, Scope scope) {
        boolean full = scope == Scope.FULL;
        if (full && !config.readsFullChain(portal.id())) {
            throw new KysoException(ErrorCode.AUDIT_FULL_EXPORT_FORBIDDEN,
                    "This API key may export its own portal's chain only (scope=portal).");
        }
        log.flush();
        String chain = full ? AuditSealStatement.FULL_CHAIN : AuditSealStatement.portalChain(portal.id());
        AuditRows.Head head = full ? log.head() : log.portalHead(portal.id());
        Optional<AuditSeals.StoredSeal> seal = seals.sealHead(chain, head);
        try {
            Path file = store.newTempFile();
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AuditJsonLines.write(new AuditExportLine.Header(AuditExportLine.Header.FORMAT, chain, clock.instant()), out);
                if (full) {
                    log.forEach(head.seq(), entry -> line(entry, false, out));
                } else {
                    log.forEachOfPortal(portal.id(), head.seq(), entry -> line(entry, true, out));
                }
                if (seal.isPresent()) {
                    AuditJsonLines.write(new AuditExportLine.Seal(seal.get().statementBytes(), seal.get().signature()), out);
                    AuditJsonLines.write(new AuditExportLine.Crls(crls()), out);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit export", e);
        }
    }

    private List<byte[]> crls() {
        List<byte[]> crls = new ArrayList<>(List.of(ca.crl()));
        ca.rootCrl().ifPresent(crls::add);
        return crls;
    }

    private static void line(AuditEntry entry, boolean portalChain, Writer out) {
        try {
            AuditJsonLines.write(portalChain ? entry.toPortalChained() : entry.toChained(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
