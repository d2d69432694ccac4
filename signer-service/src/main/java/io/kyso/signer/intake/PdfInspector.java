package io.kyso.signer.intake;

import com.itextpdf.kernel.exceptions.BadPasswordException;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import io.kyso.signer.problem.ErrorCode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides whether a PDF may be signed: it must be a PDF whose header opens the file, parse without
 * repair, not be encrypted, and show every reader the same objects ({@link PdfStructure}: no object
 * defined twice in one revision, none defined again after the definition its cross-reference table
 * uses; a structure different readers resolve differently is the basis of signature-collision
 * attacks). Returns the page count.
 */
@Singleton
public class PdfInspector {

    public int inspect(Path file) throws DocumentRejectedException {
        requireHeader(file);
        Map<PdfStructure.ObjectKey, Long> redefined;
        try {
            redefined = PdfStructure.requireUnambiguous(file);
        } catch (IOException e) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_MALFORMED, "it cannot be read", e);
        }
        try (PdfReader reader = new PdfReader(file.toFile());
             PdfDocument pdf = new PdfDocument(reader)) {
            if (reader.isEncrypted()) {
                throw new DocumentRejectedException(ErrorCode.DOCUMENT_ENCRYPTED,
                        "it is encrypted or password-protected; send it without protection");
            }
            if (reader.hasRebuiltXref()) {
                throw new DocumentRejectedException(ErrorCode.DOCUMENT_MALFORMED,
                        "its cross-reference table is damaged (a reader would have to guess its structure)");
            }
            PdfStructure.requireResolvedToLast(pdf, redefined);
            int pages = pdf.getNumberOfPages();
            if (pages < 1) {
                throw new DocumentRejectedException(ErrorCode.DOCUMENT_MALFORMED, "it has no pages");
            }
            return pages;
        } catch (BadPasswordException e) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_ENCRYPTED,
                    "it is encrypted or password-protected; send it without protection", e);
        } catch (IOException | RuntimeException e) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_MALFORMED, "it is not a readable PDF", e);
        }
    }

    private static void requireHeader(Path file) throws DocumentRejectedException {
        byte[] head = new byte[1024];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_MALFORMED, "it cannot be read", e);
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        int header = start.indexOf("%PDF-");
        if (header < 0) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_UNSUPPORTED_TYPE,
                    "it is not a PDF (no %PDF- header)");
        }
        if (header > 0) {
            // some readers count offsets from the file's start, others from the header: the same
            // cross-reference table then names different objects to each
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_AMBIGUOUS_STRUCTURE, "its %PDF- header is at byte "
                    + header + ", not at the start of the file, so different PDF readers can find different objects");
        }
    }
}
