package io.kyso.signer.intake;

import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StagedBlob;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks every document of a new request before anything is kept, whichever form it came in
 * (base64 in JSON, or a streamed multipart part):
 * <ol>
 *   <li>{@link #requireAcceptable} — before any content is read: how many documents, which types;</li>
 *   <li>{@link #stage} — the content is streamed to a staged file, hashed on the way, and cut off as
 *       soon as it passes the size limit;</li>
 *   <li>{@link #inspect} — the staged file is inspected (PDF or XML rules) and the options checked
 *       against it.</li>
 * </ol>
 * The first document that fails a step stops the intake (every document is staged before any is
 * inspected, so a document too large is named before an earlier one that is malformed); every staged
 * file is discarded, and the 400 names the document.
 */
@Singleton
public class DocumentIntake {
    private static final String PDF = "application/pdf";
    private static final Set<String> XML_TYPES = Set.of("application/xml", "text/xml");

    private final DocumentStore store;
    private final PdfInspector pdfInspector;
    private final XmlInspector xmlInspector;
    private final IntakeLimits config;

    public DocumentIntake(DocumentStore store, PdfInspector pdfInspector, XmlInspector xmlInspector,
                          IntakeLimits config) {
        this.store = store;
        this.pdfInspector = pdfInspector;
        this.xmlInspector = xmlInspector;
        this.config = config;
    }

    /** A document that passed intake: staged, hashed, inspected. */
    public record Accepted(String name, String contentType, StagedBlob blob, Integer pages, DocumentOptions options) {
    }

    /** The JSON form: every document decoded from base64 to a staged file, then inspected. */
    public List<Accepted> accept(List<IncomingDocument> documents) {
        requireAcceptable(documents);
        List<StagedBlob> staged = new ArrayList<>();
        try {
            for (int i = 0; i < documents.size(); i++) {
                staged.add(stageBase64(i, documents.get(i)));
            }
        } catch (RuntimeException e) {
            staged.forEach(store::discard);
            throw e;
        }
        return inspectAll(documents, staged);
    }

    /** Refuses a dossier with too many documents or a document of a type Kyso does not sign. */
    public void requireAcceptable(List<IncomingDocument> documents) {
        if (documents.size() > config.maxDocuments()) {
            throw new KysoException(ErrorCode.DOCUMENTS_TOO_MANY,
                    "A request may hold at most " + config.maxDocuments() + " documents; this one has "
                            + documents.size() + ".");
        }
        for (int i = 0; i < documents.size(); i++) {
            IncomingDocument doc = documents.get(i);
            String type = normalizedType(doc);
            if (!PDF.equals(type) && !XML_TYPES.contains(type)) {
                throw rejected(i, doc.name().strip(), ErrorCode.DOCUMENT_UNSUPPORTED_TYPE, "its content type '"
                        + doc.contentType() + "' is not supported (use application/pdf, application/xml or text/xml)");
            }
        }
    }

    /**
     * Streams document {@code index}'s content to a staged file, hashing it on the way. Stops with
     * {@code document.too_large} as soon as the content passes the limit, without reading the rest.
     */
    public StagedBlob stage(int index, IncomingDocument doc, InputStream content) {
        long limit = config.maxDocumentBytes();
        try {
            return store.stage(new LimitedInputStream(content, limit));
        } catch (LimitedInputStream.LimitExceededException e) {
            throw tooLarge(index, doc.name().strip(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inspects every staged document in order; on the first refusal every staged file is discarded. */
    public List<Accepted> inspectAll(List<IncomingDocument> documents, List<StagedBlob> staged) {
        List<Accepted> accepted = new ArrayList<>();
        try {
            for (int i = 0; i < documents.size(); i++) {
                accepted.add(inspect(i, documents.get(i), staged.get(i)));
            }
            return accepted;
        } catch (RuntimeException e) {
            staged.forEach(store::discard);
            throw e;
        }
    }

    public void discard(List<Accepted> accepted) {
        accepted.forEach(a -> store.discard(a.blob()));
    }

    private Accepted inspect(int index, IncomingDocument doc, StagedBlob blob) {
        String name = doc.name().strip();
        String type = normalizedType(doc);
        try {
            if (blob.size() == 0) {
                throw new DocumentRejectedException(ErrorCode.DOCUMENT_EMPTY, "it is empty");
            }
            DocumentOptions options = doc.options() == null ? DocumentOptions.DEFAULT : doc.options();
            if (PDF.equals(type)) {
                int pages = pdfInspector.inspect(blob.file());
                requireOptionsFitPdf(options, pages);
                return new Accepted(name, type, blob, pages, options);
            }
            requireXmlSignable(xmlInspector.inspect(blob.file()), options);
            return new Accepted(name, type, blob, null, options);
        } catch (DocumentRejectedException e) {
            throw rejected(index, name, e.code(), e.getMessage());
        }
    }

    private static void requireOptionsFitPdf(DocumentOptions options, int pages) throws DocumentRejectedException {
        if (options.xmlPackaging() != null) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_INVALID_OPTIONS,
                    "xmlPackaging applies to XML documents, not to a PDF");
        }
        DocumentOptions.VisibleSignature visible = options.visibleSignature();
        if (visible != null && visible.page() != null && visible.page() > pages) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_INVALID_OPTIONS,
                    "the visible signature is asked on page " + visible.page() + " of a " + pages + "-page PDF");
        }
    }

    private static void requireXmlSignable(XmlInspector.XmlSummary xml, DocumentOptions options)
            throws DocumentRejectedException {
        if (options.visibleSignature() != null) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_INVALID_OPTIONS,
                    "a visible signature applies to PDFs, not to XML");
        }
        if (xml.signed() && options.packaging() == DocumentOptions.XmlPackaging.ENVELOPED) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_INVALID_OPTIONS,
                    "it already carries an XML signature, which a second enveloped signature would break;"
                            + " ask for \"xmlPackaging\": \"DETACHED\"");
        }
    }

    /** The JSON form holds the content in memory already; it is decoded once and streamed to the store. */
    private StagedBlob stageBase64(int index, IncomingDocument doc) {
        String name = doc.name().strip();
        String base64 = doc.content();
        if (base64 == null || base64.isBlank()) {
            throw rejected(index, name, ErrorCode.DOCUMENT_MISSING_CONTENT, "it has no content");
        }
        long limit = config.maxDocumentBytes();
        if (base64.length() / 4L * 3L > limit + limit / 50 + 1024) {
            throw tooLarge(index, name, limit);
        }
        byte[] content;
        try {
            // Strict alphabet; only line breaks and spaces of wrapped base64 are tolerated.
            content = decode(base64);
        } catch (IllegalArgumentException e) {
            throw rejected(index, name, ErrorCode.DOCUMENT_MALFORMED, "its content is not valid base64");
        }
        return stage(index, doc, new ByteArrayInputStream(content));
    }

    private static String normalizedType(IncomingDocument doc) {
        return doc.contentType().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Strict base64, where only the whitespace of wrapped base64 (the ASCII whitespace of regex
     * {@code \s}) is tolerated. Content usually has none, so it is decoded as it is first, and only
     * stripped and decoded again if that fails: a regex replace over megabytes of base64 was the
     * service's largest CPU cost per request (docs/performance.md).
     */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Base64.getDecoder().decode(withoutWhitespace(base64));
        }
    }

    private static String withoutWhitespace(String base64) {
        StringBuilder kept = new StringBuilder(base64.length());
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (!isWhitespace(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static KysoException tooLarge(int index, String name, long limit) {
        return rejected(index, name, ErrorCode.DOCUMENT_TOO_LARGE, "it is larger than the limit of " + limit + " bytes");
    }

    private static KysoException rejected(int index, String name, ErrorCode code, String why) {
        return new KysoException(Problem.of(code, "Document " + (index + 1) + " \"" + name + "\" was refused: " + why + ".")
                .withDocument(index, name));
    }
}
