package io.kyso.client;

/**
 * How one document is to be signed; every field is optional (null). A document without options
 * gets an invisible PAdES signature (PDF) or an enveloped XAdES signature (XML).
 *
 * @param reason           the reason in the signature and its visible text; Kyso's default is "Ký hồ sơ: &lt;title&gt;"
 * @param location         PDF: where the citizen signs ("Hà Nội")
 * @param visibleSignature PDF: show the signature on a page
 * @param xmlPackaging     XML: {@link XmlPackaging#ENVELOPED} (Kyso's default) or {@link XmlPackaging#DETACHED}
 * @param level            the baseline level; null: the portal's default, else Kyso's ({@link SignatureLevel#B_LT})
 * @param rsaPadding       for a citizen with an RSA key: {@link RsaPadding#PKCS1_V1_5} (Kyso's default) or {@link RsaPadding#PSS}
 */
public record DocumentOptions(String reason, String location, VisibleSignature visibleSignature,
                              XmlPackaging xmlPackaging, SignatureLevel level, RsaPadding rsaPadding) {

    public static final DocumentOptions NONE = new DocumentOptions(null, null, null, null);

    /** Options without a level or an RSA padding of their own. */
    public DocumentOptions(String reason, String location, VisibleSignature visibleSignature, XmlPackaging xmlPackaging) {
        this(reason, location, visibleSignature, xmlPackaging, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Enveloped: the signature inside the XML. Detached: a separate signature file referring to it by name. */
    public enum XmlPackaging { ENVELOPED, DETACHED }

    /** How an RSA key signs: RSASSA-PKCS1-v1_5, or RSASSA-PSS. */
    public enum RsaPadding { PKCS1_V1_5, PSS }

    /** A corner of the page for the visible signature. */
    public enum Corner { BOTTOM_RIGHT, BOTTOM_LEFT, TOP_RIGHT, TOP_LEFT }

    /** A rectangle in PDF points from the lower-left corner of the page as displayed. */
    public record Rect(float x, float y, float width, float height) {
    }

    /**
     * Where the visible signature goes.
     *
     * @param page     1-based; null means the last page
     * @param position a corner; null means Kyso's default, {@link Corner#BOTTOM_RIGHT}
     * @param rect     an explicit rectangle that replaces {@code position}
     */
    public record VisibleSignature(Integer page, Corner position, Rect rect) {

        /** In a corner of the last page. */
        public static VisibleSignature at(Corner corner) {
            return new VisibleSignature(null, corner, null);
        }

        /** In a corner of the given page. */
        public static VisibleSignature onPage(int page, Corner corner) {
            return new VisibleSignature(page, corner, null);
        }

        /** In an explicit rectangle of the given page. */
        public static VisibleSignature inRect(int page, Rect rect) {
            return new VisibleSignature(page, null, rect);
        }
    }

    /** Builds {@link DocumentOptions}. Not thread-safe; the options it builds are immutable. */
    public static final class Builder {
        private String reason;
        private String location;
        private VisibleSignature visibleSignature;
        private XmlPackaging xmlPackaging;
        private SignatureLevel level;
        private RsaPadding rsaPadding;

        private Builder() {
        }

        public Builder level(SignatureLevel signatureLevel) {
            this.level = signatureLevel;
            return this;
        }

        public Builder rsaPadding(RsaPadding padding) {
            this.rsaPadding = padding;
            return this;
        }

        public Builder reason(String text) {
            this.reason = text;
            return this;
        }

        public Builder location(String place) {
            this.location = place;
            return this;
        }

        public Builder visibleSignature(VisibleSignature where) {
            this.visibleSignature = where;
            return this;
        }

        public Builder xmlPackaging(XmlPackaging packaging) {
            this.xmlPackaging = packaging;
            return this;
        }

        public DocumentOptions build() {
            return new DocumentOptions(reason, location, visibleSignature, xmlPackaging, level, rsaPadding);
        }
    }
}
