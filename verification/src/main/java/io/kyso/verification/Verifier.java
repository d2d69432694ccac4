package io.kyso.verification;

import io.kyso.verification.trust.TrustMaterial;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.validation.reports.Reports;
import io.kyso.verification.UnsupportedFileException.Reason;
import io.kyso.verification.dss.DssRun;
import io.kyso.verification.dss.KysoPolicy;
import io.kyso.verification.dss.OnlineSources;
import io.kyso.verification.dss.SignatureReader;
import io.kyso.verification.report.FileKind;
import io.kyso.verification.report.Finding;
import io.kyso.verification.report.SignatureReport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The verification engine: judges every signature of a dossier with EU DSS under {@link KysoPolicy}
 * and gives one verdict for the dossier. The service and the {@code kyso-verify} command line both
 * run this class, so they cannot disagree.
 *
 * <p>A detached XML signature finds the file it covers among the dossier's other files by name.
 * Files are read from disk as DSS needs them, never all held in memory.
 *
 * <p>Offline unless built with {@link RevocationFetching#ONLINE}: then DSS may also fetch OCSP
 * responses, CRLs and missing issuers named in the certificates, and each file's report lists every
 * request.
 *
 * <p>Thread-safe: the policy is loaded once and only read; each verification builds its own DSS
 * objects (and network sources) and asks {@code trust} for the current trust anchors and CRLs.
 */
public final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    private final KysoPolicy policy = KysoPolicy.load();
    private final Supplier<TrustMaterial> trust;
    private final Clock clock;
    private final RevocationFetching fetching;

    /** An offline verifier: nothing is fetched. */
    public Verifier(Supplier<TrustMaterial> trust, Clock clock) {
        this(trust, clock, RevocationFetching.OFFLINE);
    }

    /** A verifier that may fetch revocation data and missing issuers over the network, if {@code fetching} says so. */
    public Verifier(Supplier<TrustMaterial> trust, Clock clock, RevocationFetching fetching) {
        this.trust = trust;
        this.clock = clock;
        this.fetching = fetching;
    }

    /**
     * @throws UnsupportedFileException if a file is neither PDF nor XML, or two files share a name
     */
    public Verification verify(List<InputFile> files) throws IOException {
        return verify(files, trust.get());
    }

    /** As {@link #verify(List)}, with this trust material instead of the engine's own. */
    public Verification verify(List<InputFile> files, TrustMaterial material) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a dossier has at least one file");
        }
        List<FileKind> kinds = checkedKinds(files);
        // DSS keeps times to the millisecond: the report's validation time is the one DSS used
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Set<String> names = new HashSet<>(files.stream().map(InputFile::name).toList());
        DossierAssembler dossier = new DossierAssembler(at, KysoPolicy.NAME, fetching == RevocationFetching.ONLINE);
        List<String> etsi = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            InputFile file = files.get(i);
            Digests.Digest digest = Digests.sha256(file.file());
            Reports reports;
            OnlineSources online = fetching == RevocationFetching.ONLINE ? new OnlineSources() : null;
            try {
                reports = DssRun.validate(document(file), format(kinds.get(i)), others(files, i), material, online, at,
                        policy);
            } catch (RuntimeException unreadable) {
                // DSS refuses what it cannot parse (malformed, encrypted, a DOCTYPE): a verdict, not an error
                LOG.info("File {} of the dossier is unreadable: {}", i, unreadable.getClass().getSimpleName());
                dossier.addUnreadable(file.name(), kinds.get(i), digest.hex(), digest.size(),
                        whyUnreadable(file, kinds.get(i)));
                etsi.add(null);
                continue;
            }
            List<SignatureReport> signatures = reports.getSimpleReport().getSignatureIdList().stream()
                    .map(id -> SignatureReader.read(reports, id, names)).toList();
            dossier.addRead(file.name(), kinds.get(i), digest.hex(), digest.size(), signatures,
                    online == null ? List.of() : online.fetched());
            etsi.add(reports.getXmlValidationReport());
        }
        return new Verification(dossier.build(), etsi);
    }

    private static List<FileKind> checkedKinds(List<InputFile> files) throws IOException {
        Set<String> seen = new HashSet<>();
        List<FileKind> kinds = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            InputFile file = files.get(i);
            if (!seen.add(file.name())) {
                throw new UnsupportedFileException(Reason.DUPLICATE_NAME, i, file.name(), "two files are named '"
                        + file.name() + "'; names must be unique, since a detached signature finds its data by name");
            }
            FileKind kind = FileKind.of(file.file());
            if (kind == FileKind.OTHER) {
                throw new UnsupportedFileException(Reason.NOT_PDF_OR_XML, i, file.name(),
                        "'" + file.name() + "' is neither a PDF nor an XML document");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    private static DssRun.Format format(FileKind kind) {
        return kind == FileKind.PDF ? DssRun.Format.PDF : DssRun.Format.XML;
    }

    private static DSSDocument document(InputFile file) {
        FileDocument document = new FileDocument(file.file().toFile());
        document.setName(file.name());
        return document;
    }

    /** The dossier's other files, for a detached signature to find what it covers. */
    private static List<DSSDocument> others(List<InputFile> files, int self) {
        List<DSSDocument> others = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (i != self) {
                others.add(document(files.get(i)));
            }
        }
        return others;
    }

    private static Finding whyUnreadable(InputFile file, FileKind kind) throws IOException {
        if (kind == FileKind.PDF) {
            return Finding.of("file.unreadable_pdf");
        }
        return XmlProlog.declaresDoctype(file.file()) ? Finding.of("file.xml_doctype") : Finding.of("file.unreadable_xml");
    }
}
