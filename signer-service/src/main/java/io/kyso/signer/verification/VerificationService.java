package io.kyso.signer.verification;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StagedBlob;
import io.kyso.signer.support.FileNames;
import io.kyso.verification.InputFile;
import io.kyso.verification.UnsupportedFileException;
import io.kyso.verification.Verification;
import io.kyso.verification.Verifier;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.ReportJson;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs the verification engine on a portal's upload and keeps the outcome: the report (JSON) and
 * each file's ETSI validation report (XML) in the document store, the verdict in the database, a
 * {@code VERIFICATION_RUN} audit entry. The uploaded files themselves are discarded.
 */
@Singleton
public class VerificationService {
    private final Verifier verifier;
    private final DocumentStore store;
    private final Database database;
    private final VerificationRepository verifications;
    private final AuditLog audit;
    private final VerificationConfiguration config;
    private final Clock clock;

    public VerificationService(Verifier verifier, DocumentStore store, Database database,
                               VerificationRepository verifications, AuditLog audit, VerificationConfiguration config,
                               Clock clock) {
        this.verifier = verifier;
        this.store = store;
        this.database = database;
        this.verifications = verifications;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** One uploaded file: the name the uploader gave it and a way to read it once. */
    public record Upload(String name, long size, Content content) {
    }

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** A kept verification. */
    public record Stored(UUID id, DossierReport report) {
    }

    public Stored verify(Portal portal, List<Upload> uploads) {
        checkLimits(uploads);
        List<StagedBlob> staged = new ArrayList<>();
        try {
            List<InputFile> files = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                StagedBlob blob = stage(uploads.get(i));
                staged.add(blob);
                files.add(new InputFile(FileNames.clean(uploads.get(i).name(), "file-" + (i + 1)), blob.file()));
            }
            Verification verification = run(portal, files);
            UUID id = UUID.randomUUID();
            keep(portal, id, verification);
            return new Stored(id, verification.report());
        } finally {
            staged.forEach(store::discard);
        }
    }

    public Stored get(Portal portal, UUID id) {
        row(portal, id);
        try (InputStream in = store.open(reportKey(id))) {
            return new Stored(id, ReportJson.read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("the report of verification " + id + " cannot be read", e);
        }
    }

    /** The ETSI TS 119 102-2 report of file {@code index}; a file DSS could not read has none. */
    public Path etsiReport(Portal portal, UUID id, int index) {
        VerificationRepository.Row row = row(portal, id);
        String key = etsiKey(id, index);
        if (index < 0 || index >= row.files() || !store.exists(key)) {
            throw new KysoException(ErrorCode.VERIFICATION_FILE_NOT_FOUND,
                    "Verification " + id + " has no ETSI report for file " + index + ".");
        }
        try {
            return store.file(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkLimits(List<Upload> uploads) {
        if (uploads.isEmpty()) {
            throw new KysoException(ErrorCode.VERIFICATION_NO_FILES, "Send the files to verify as multipart parts.");
        }
        if (uploads.size() > config.maxFiles()) {
            throw new KysoException(ErrorCode.VERIFICATION_TOO_MANY_FILES,
                    uploads.size() + " files sent; at most " + config.maxFiles() + " per verification.");
        }
        long total = uploads.stream().mapToLong(Upload::size).sum();
        if (total > config.maxUploadBytes()) {
            throw tooLarge(config.maxUploadBytes());
        }
    }

    static KysoException tooLarge(long limit) {
        return new KysoException(Problem.of(ErrorCode.REQUEST_TOO_LARGE,
                "The files to verify may be " + limit + " bytes together at most.").withLimitBytes(limit));
    }

    private StagedBlob stage(Upload upload) {
        try (InputStream in = upload.content().open()) {
            return store.stage(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage an uploaded file", e);
        }
    }

    private Verification run(Portal portal, List<InputFile> files) {
        try {
            return verifier.verify(files);
        } catch (UnsupportedFileException e) {
            ErrorCode code = e.reason() == UnsupportedFileException.Reason.DUPLICATE_NAME
                    ? ErrorCode.VERIFICATION_DUPLICATE_NAME : ErrorCode.VERIFICATION_UNSUPPORTED_FILE;
            audit.append(AuditRecord.of(AuditEventType.VERIFICATION_RUN, Actor.of(portal)).portal(portal.id())
                    .failure(code.code()).build());
            throw new KysoException(Problem.of(code, e.getMessage() + ".").withDocument(e.index(), e.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded files", e);
        }
    }

    /** The reports go to the store first: a row is never written for a report that is not there. */
    private void keep(Portal portal, UUID id, Verification verification) {
        DossierReport report = verification.report();
        try {
            put(reportKey(id), ReportJson.write(report));
            for (int i = 0; i < verification.etsiReports().size(); i++) {
                String etsi = verification.etsiReports().get(i);
                if (etsi != null) {
                    put(etsiKey(id, i), etsi.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the reports of verification " + id, e);
        }
        VerificationRepository.Row row = new VerificationRepository.Row(id, portal.id(), clock.instant(),
                report.verdict().name(), report.files().size(), report.signatures());
        database.inTransaction(connection -> {
            verifications.insert(connection, row);
            audit.append(connection, AuditRecord.of(AuditEventType.VERIFICATION_RUN, Actor.of(portal)).portal(portal.id())
                    .detail("verification " + id + ": " + row.verdict() + ", " + row.files() + " file(s), "
                            + row.signatures() + " signature(s)").build());
            return null;
        });
    }

    private void put(String key, byte[] content) throws IOException {
        store.commit(store.stage(new ByteArrayInputStream(content)), key);
    }

    private VerificationRepository.Row row(Portal portal, UUID id) {
        return database.read(c -> verifications.find(c, portal.id(), id)).orElseThrow(() ->
                new KysoException(ErrorCode.VERIFICATION_NOT_FOUND, "No verification " + id + " for this portal."));
    }

    private static String reportKey(UUID id) {
        return "verifications/" + id + "/report.json";
    }

    private static String etsiKey(UUID id, int index) {
        return "verifications/" + id + "/" + index + ".etsi.xml";
    }
}
