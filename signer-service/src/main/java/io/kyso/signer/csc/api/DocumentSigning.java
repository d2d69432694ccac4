package io.kyso.signer.csc.api;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.AuthorizationStatus;
import io.kyso.signer.csc.AuthorizedHash;
import io.kyso.signer.csc.Authorizations;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscCredentials;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.SignAlgorithms;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.SigningCredentials;
import io.kyso.signer.intake.DocumentRejectedException;
import io.kyso.signer.intake.PdfInspector;
import io.kyso.signer.intake.XmlInspector;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.DocumentSigner;
import io.kyso.signer.signing.KeySigner;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.storage.DocumentStore;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code signatures/signDoc} with whole documents, through Kyso's own engines: PAdES ({@code P},
 * an approval signature added as a revision) and XAdES ({@code X}, enveloped), at the levels
 * {@link ConformanceLevels} lists. The credential authorization must cover each document's hash
 * (of the authorized hash function, over the document's bytes), so the citizen authorized exactly
 * these documents. Each document is inspected as an uploaded one is; all are prepared, their data to
 * sign signed in one batch by the citizen's key, assembled, and the hashes claimed and the signing
 * audited in one transaction.
 */
@Singleton
public class DocumentSigning {
    private final Database database;
    private final Authorizations authorizations;
    private final CscCredentials credentials;
    private final SigningCredentials signing;
    private final KeySigner keys;
    private final List<DocumentSigner> signers;
    private final PdfInspector pdfs;
    private final XmlInspector xmls;
    private final DocumentStore store;
    private final AuditLog audit;
    private final CscConfiguration config;
    private final Clock clock;

    public DocumentSigning(Database database, Authorizations authorizations, CscCredentials credentials,
                           SigningCredentials signing, KeySigner keys, List<DocumentSigner> signers, PdfInspector pdfs,
                           XmlInspector xmls, DocumentStore store, AuditLog audit, CscConfiguration config, Clock clock) {
        this.database = database;
        this.authorizations = authorizations;
        this.credentials = credentials;
        this.signing = signing;
        this.keys = keys;
        this.signers = signers;
        this.pdfs = pdfs;
        this.xmls = xmls;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** One document of a signDoc call. */
    public record Item(String document, String signatureFormat, String conformanceLevel, String signAlgo,
                       String signAlgoParams, String envelopeProperty) {
    }

    /** A document checked and written to a work file, ready to prepare. */
    private record Ready(Path file, String contentType, String hashHex, SignatureLevel level) {
    }

    /** The signed documents, base64, in the call's order. */
    public List<String> sign(AccessGrant grant, String credentialId, List<Item> items) {
        CredentialAuthorization authorization = database.read(c -> authorizations.find(c, grant.authorizationId()))
                .filter(a -> a.status() == AuthorizationStatus.EXCHANGED)
                .filter(a -> a.credentialId().equals(credentialId))
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter credentialID"));
        Citizen citizen = credentials.find(grant.portalId(), credentialId)
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter credentialID"));
        SignerIdentity identity = signing.signingIdentity(citizen);
        List<Ready> ready = new ArrayList<>();
        try {
            for (int i = 0; i < items.size(); i++) {
                ready.add(ready(i, items.get(i), authorization, identity));
            }
            return signAll(grant, authorization, citizen, identity, ready);
        } finally {
            ready.forEach(r -> deleteQuietly(r.file()));
        }
    }

    private Ready ready(int index, Item item, CredentialAuthorization authorization, SignerIdentity identity) {
        String where = "documents[" + index + "]";
        SignAlgorithms.Signing how = SignAlgorithms.resolve(identity.spec(), item.signAlgo(), null, item.signAlgoParams());
        if (how.hash() != DigestAlgorithm.SHA256 || how.scheme() != identity.defaultScheme()) {
            throw CscException.invalidRequest("Invalid parameter " + where + ".signAlgo: documents are signed with "
                    + identity.defaultScheme() + " over SHA-256");
        }
        String contentType = switch (item.signatureFormat() == null ? "" : item.signatureFormat()) {
            case "P" -> requireEnvelope(where, item.envelopeProperty(), "Revision", "application/pdf");
            case "X" -> requireEnvelope(where, item.envelopeProperty(), "Enveloped", "application/xml");
            default -> throw CscException.invalidRequest("Invalid parameter " + where + ".signature_format: P or X");
        };
        byte[] content = decode(where, item.document());
        String hashHex = HexFormat.of().formatHex(digest(authorization.hashAlgorithm(), content));
        if (authorization.hashes().stream().map(AuthorizedHash::digestHex).noneMatch(hashHex::equals)) {
            throw CscException.invalidRequest(where + " is not covered by the credential authorization");
        }
        Path file;
        try {
            file = store.newTempFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.write(file, content);
            if ("application/pdf".equals(contentType)) {
                pdfs.inspect(file);
            } else {
                xmls.inspect(file);
            }
        } catch (DocumentRejectedException e) {
            deleteQuietly(file);
            throw CscException.invalidRequest(where + " cannot be signed: " + e.getMessage());
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
        return new Ready(file, contentType, hashHex, ConformanceLevels.of(item.conformanceLevel()));
    }

    private List<String> signAll(AccessGrant grant, CredentialAuthorization authorization, Citizen citizen,
                                 SignerIdentity identity, List<Ready> ready) {
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            boolean[] claimed = authorizations.claim(c, authorization.id(), ready.stream().map(Ready::hashHex).toList(), now);
            for (int i = 0; i < claimed.length; i++) {
                if (!claimed[i]) {
                    throw CscException.invalidRequest("documents[" + i + "] was already signed under this credential"
                            + " authorization");
                }
            }
            List<String> signed = signDocuments(identity, ready, now);
            audit.append(c, AuditRecord.of(AuditEventType.CSC_DOCUMENTS_SIGNED, citizen.actor()).portal(grant.portalId())
                    .request(authorization.id()).detail("documents:" + ready.size()).build());
            return signed;
        });
    }

    private List<String> signDocuments(SignerIdentity identity, List<Ready> ready, Instant now) {
        List<PendingSignature> pending = new ArrayList<>();
        try {
            for (int i = 0; i < ready.size(); i++) {
                Ready r = ready.get(i);
                SigningContext context = new SigningContext(now, "Ký số", DocumentOptions.DEFAULT,
                        "document-" + (i + 1) + (r.contentType().endsWith("pdf") ? ".pdf" : ".xml"), r.contentType(),
                        r.level(), store.workFolder());
                pending.add(formatOf(r.contentType()).prepare(r.file(), identity, context));
            }
            List<SignatureValue> values = keys.signAll(identity, pending.stream().map(PendingSignature::dataToSign).toList());
            List<String> signed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Path output = store.newTempFile();
                try {
                    pending.get(i).assemble(values.get(i), output);
                    signed.add(Base64.getEncoder().encodeToString(Files.readAllBytes(output)));
                } finally {
                    deleteQuietly(output);
                }
            }
            return signed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a document could not be signed", e);
        } finally {
            pending.forEach(PendingSignature::close);
        }
    }

    private DocumentSigner formatOf(String contentType) {
        return signers.stream().filter(s -> s.supports(contentType)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no signer for " + contentType));
    }

    private static String requireEnvelope(String where, String given, String supported, String contentType) {
        if (given != null && !given.equals(supported)) {
            throw CscException.invalidRequest("Invalid parameter " + where + ".signed_envelope_property: " + supported);
        }
        return contentType;
    }

    private byte[] decode(String where, String document) {
        if (document == null) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter " + where + ".document");
        }
        if (document.length() > config.maxDocumentBytes() / 3 * 4 + 4) {
            throw CscException.invalidRequest(where + " is larger than " + config.maxDocumentBytes() + " bytes");
        }
        try {
            return Base64.getDecoder().decode(document);
        } catch (IllegalArgumentException e) {
            throw CscException.invalidRequest("Invalid Base64 parameter " + where + ".document");
        }
    }

    private static byte[] digest(DigestAlgorithm algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName()).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover work file is swept with the store's temporary files
        }
    }
}
