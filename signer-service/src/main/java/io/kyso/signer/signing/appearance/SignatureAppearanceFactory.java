package io.kyso.signer.signing.appearance;

import io.kyso.signer.support.EmbeddedFont;
import com.itextpdf.forms.form.element.SignatureFieldAppearance;
import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.borders.SolidBorder;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.properties.Property;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.properties.VerticalAlignment;
import com.itextpdf.signatures.SignerProperties;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a visible signature shows, in Vietnamese, fitted into its box:
 * <pre>
 * Ký bởi: Nguyễn Thị Hồng Nhung
 * Ngày ký: 28/11/2025 14:05 (GMT+7)
 * Lý do: Ký hồ sơ: ...
 * Nơi ký: Đà Nẵng            (only when a location is given)
 * </pre>
 * The time is the signature's own claimed signing time (/M), shown in Vietnam's time zone.
 *
 * <p>The font is {@link EmbeddedFont} (DejaVu Sans, which covers Vietnamese); each appearance gets a
 * new {@link PdfFont}, since iText fonts belong to one document. Thread-safe.
 */
public final class SignatureAppearanceFactory {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);

    /** Vietnamese stacks two marks above some letters (ễ, ặ): 1.2 lets them touch the line above. */
    private static final float LEADING = 1.3f;
    private static final float BORDER = 0.75f;
    private static final float PADDING = 3;
    /** Room left unused so iText's own line breaking never disagrees with ours by a rounding error. */
    private static final float SLACK = 1;
    private static final Color INK = new DeviceRgb(0x12, 0x2B, 0x6E);

    /** Fails here, at start-up, rather than at the first visible signature if the font is missing. */
    public SignatureAppearanceFactory() {
        EmbeddedFont.requirePresent();
    }

    /** The lines shown, in NFC: a name typed with combining marks is drawn, and extracted, composed. */
    public static List<String> lines(String fullName, Instant signingTime, String reason, String location) {
        List<String> lines = new ArrayList<>();
        lines.add("Ký bởi: " + nfc(fullName));
        lines.add("Ngày ký: " + DATE.format(signingTime) + " (GMT+7)");
        if (reason != null && !reason.isBlank()) {
            lines.add("Lý do: " + nfc(reason));
        }
        if (location != null && !location.isBlank()) {
            lines.add("Nơi ký: " + nfc(location));
        }
        return lines;
    }

    /** The appearance of one signature, for {@link SignerProperties#setSignatureAppearance}. */
    public SignatureFieldAppearance create(List<String> lines, VisibleSignatureLayout layout) {
        PdfFont font = EmbeddedFont.newFont();
        float inner = BORDER + PADDING;
        float innerHeight = Math.max(0, layout.height() - 2 * inner);
        TextFitter.Fitted text = TextFitter.fit(font, lines, layout.width() - 2 * inner - SLACK,
                innerHeight - SLACK, LEADING);
        SignatureFieldAppearance appearance = new SignatureFieldAppearance(SignerProperties.IGNORED_ID);
        appearance.setContent(content(font, text, innerHeight))
                .setFont(font)
                .setFontSize(text.fontSize())
                .setBorder(new SolidBorder(INK, BORDER));
        // iText's default is 2 pt; ours is what the text was fitted to
        for (int side : new int[] {Property.PADDING_TOP, Property.PADDING_RIGHT, Property.PADDING_BOTTOM,
                Property.PADDING_LEFT}) {
            appearance.setProperty(side, UnitValue.createPointValue(PADDING));
        }
        return appearance;
    }

    /**
     * A paragraph per wrapped line, so the layout engine keeps our breaks ("\n" in one paragraph
     * would leave a space glyph at each line's end in the extracted text), with a fixed leading, so
     * the height is the one fitted; centred vertically in the box.
     */
    private static Div content(PdfFont font, TextFitter.Fitted text, float height) {
        Div content = new Div().setMargin(0).setPadding(0)
                .setHeight(height).setVerticalAlignment(VerticalAlignment.MIDDLE);
        for (String line : text.lines()) {
            content.add(new Paragraph(line).setFont(font).setFontSize(text.fontSize()).setFontColor(INK)
                    .setFixedLeading(text.fontSize() * LEADING).setMargin(0).setPadding(0));
        }
        return content;
    }

    /** Unicode NFC, so that the same name typed with combining marks or precomposed letters reads the same. */
    public static String nfc(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }
}
