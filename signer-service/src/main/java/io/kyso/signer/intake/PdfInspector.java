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

/**
 * Decides whether a PDF may be signed: it must be a PDF, parse without repair, not be encrypted, and
 * not define the same object twice in one revision (a structure different readers resolve
 * differently, the basis of signature-collision attacks). Returns the page count.
 */
@Singleton
public class PdfInspector {

    public int inspect(Path file) throws DocumentRejectedException {
        requireHeader(file);
        try {
            PdfStructure.requireUnambiguous(file);
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
        if (!start.contains("%PDF-")) {
            throw new DocumentRejectedException(ErrorCode.DOCUMENT_UNSUPPORTED_TYPE,
                    "it is not a PDF (no %PDF- header)");
        }
    }
}
