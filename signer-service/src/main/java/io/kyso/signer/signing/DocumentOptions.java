package io.kyso.signer.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * How the portal wants one document signed. Every field is optional; a document without options
 * gets an invisible PAdES signature, or an enveloped XAdES signature. Absent members are left out
 * rather than sent as null: an OpenAPI 3.0 reference cannot be marked nullable, so the contract has
 * them not nullable.
 *
 * @param reason           the reason written into the signature (PDF /Reason) and its visible text
 * @param location         where the signer signs (PDF /Location), e.g. "Hà Nội"
 * @param visibleSignature for PDFs: show the signature on a page
 * @param xmlPackaging     for XML: {@code ENVELOPED} (default) or {@code DETACHED}
 * @param level            the baseline level to reach ({@code B-B}, {@code B-T}, {@code B-LT}, {@code B-LTA});
 *                         absent: the portal's default, else the deployment's
 * @param rsaPadding       for a citizen's RSA key: {@code PKCS1_V1_5} (default) or {@code PSS} (RSASSA-PSS)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentOptions(
        @Nullable @Size(max = 200) String reason,
        @Nullable @Size(max = 200) String location,
        @Nullable @Schema(nullable = false) @Valid VisibleSignature visibleSignature,
        @Nullable @Schema(nullable = false) XmlPackaging xmlPackaging,
        @Nullable @Schema(nullable = false) SignatureLevel level,
        @Nullable @Schema(nullable = false) RsaPadding rsaPadding) {

    public static final DocumentOptions DEFAULT = new DocumentOptions(null, null, null, null, null, null);

    /** These options with {@code level} asked for. */
    public DocumentOptions withLevel(SignatureLevel level) {
        return new DocumentOptions(reason, location, visibleSignature, xmlPackaging, level, rsaPadding);
    }

    public XmlPackaging packaging() {
        return xmlPackaging == null ? XmlPackaging.ENVELOPED : xmlPackaging;
    }

    public RsaPadding padding() {
        return rsaPadding == null ? RsaPadding.PKCS1_V1_5 : rsaPadding;
    }

    /** Enveloped: the signature inside the document. Detached: a separate signature file referring to it. */
    public enum XmlPackaging { ENVELOPED, DETACHED }

    /** How an RSA key signs: RSASSA-PKCS1-v1_5, or RSASSA-PSS (MGF1 with the same hash, a salt as long as the hash). */
    public enum RsaPadding { PKCS1_V1_5, PSS }

    /**
     * Where the visible signature goes.
     *
     * @param page     1-based page; absent means the last page
     * @param position a named corner (default {@code BOTTOM_RIGHT}), ignored when {@code rect} is given
     * @param rect     an explicit rectangle in PDF points from the page's lower-left corner
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VisibleSignature(
            @Nullable @Min(1) Integer page,
            @Nullable @Schema(nullable = false) Corner position,
            @Nullable @Schema(nullable = false) @Valid Rect rect) {
    }

    public enum Corner { BOTTOM_RIGHT, BOTTOM_LEFT, TOP_RIGHT, TOP_LEFT }

    /** A rectangle in PDF points. */
    @Serdeable
    public record Rect(@Min(0) float x, @Min(0) float y, @Positive @Max(2000) float width, @Positive @Max(2000) float height) {
    }
}
