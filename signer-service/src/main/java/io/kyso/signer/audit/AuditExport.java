package io.kyso.signer.audit;

import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.ChainedEntry;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes the audit chain as JSON Lines (the engine's {@link AuditJsonLines}, which
 * {@code kyso-verify audit} checks). A portal sees its own entries in full and every other entry
 * <em>redacted</em> to its sequence number and hashes: it learns nothing another portal did, yet can
 * check that its entries sit, unaltered and in order, in one unbroken chain. An auditor listed in
 * {@code kyso.audit.full-chain-readers} exports every entry in full.
 */
@Singleton
public class AuditExport {
    private final AuditLog log;
    private final DocumentStore store;
    private final AuditConfiguration config;

    public AuditExport(AuditLog log, DocumentStore store, AuditConfiguration config) {
        this.log = log;
        this.store = store;
        this.config = config;
    }

    /** Where the export may be read: what a portal may see of the chain. */
    public enum Scope { PORTAL, FULL }

    /** A temporary file with the export; the caller reads it once and deletes it. */
    public Path write(Portal portal, Scope scope) {
        if (scope == Scope.FULL && !config.fullChainReaders().contains(portal.id())) {
            throw new KysoException(ErrorCode.AUDIT_FULL_EXPORT_FORBIDDEN,
                    "This API key may export its own portal's entries only (scope=portal).");
        }
        try {
            Path file = store.newTempFile();
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                log.forEach(entry -> line(entry.toChained(), scope == Scope.FULL
                        || Objects.equals(portal.id(), entry.record().portalId()), out));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit export", e);
        }
    }

    private static void line(ChainedEntry entry, boolean visible, Writer out) {
        try {
            AuditJsonLines.write(visible ? entry : ChainedEntry.redacted(entry.seq(), entry.prevHash(), entry.entryHash()),
                    out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
