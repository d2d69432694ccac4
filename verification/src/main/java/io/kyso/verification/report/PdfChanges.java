package io.kyso.verification.report;

import java.util.List;

/**
 * What happened to a PDF after a signature, as DSS's modification detection found it (pages are
 * 1-based). A legitimate later signature shows up as {@code signatureOrFormFill}; everything else
 * deserves a look.
 *
 * @param changedAfterSigning     anything changed, of any kind below
 * @param visualDifferencePages   pages that look different from what was signed
 * @param pageDifferencePages     pages added or removed after signing
 * @param annotationOverlapPages  pages where annotations overlap (a way to hide signed content)
 * @param annotationChanges       annotations added, removed or changed after signing
 * @param signatureOrFormFill     later signatures and form fields filled in
 * @param otherChanges            object changes DSS cannot attribute (e.g. a rewritten signature dictionary)
 * @param signatureDictionaryConsistent the signature dictionary (/Reason, /M, …) is the one that was signed
 * @param byteRangeValid          the /ByteRange is well-formed and within the file
 */
public record PdfChanges(
        boolean changedAfterSigning,
        List<Integer> visualDifferencePages,
        List<Integer> pageDifferencePages,
        List<Integer> annotationOverlapPages,
        List<String> annotationChanges,
        List<String> signatureOrFormFill,
        List<String> otherChanges,
        boolean signatureDictionaryConsistent,
        boolean byteRangeValid) {

    public PdfChanges {
        visualDifferencePages = List.copyOf(visualDifferencePages);
        pageDifferencePages = List.copyOf(pageDifferencePages);
        annotationOverlapPages = List.copyOf(annotationOverlapPages);
        annotationChanges = List.copyOf(annotationChanges);
        signatureOrFormFill = List.copyOf(signatureOrFormFill);
        otherChanges = List.copyOf(otherChanges);
    }
}
