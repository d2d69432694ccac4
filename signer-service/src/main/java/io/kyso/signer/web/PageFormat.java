package io.kyso.signer.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the citizen's pages write sizes, digests, times and contact details. */
public final class PageFormat {
    /** Vietnam's time, in which the citizen reads every time. */
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);

    private PageFormat() {
    }

    /** {@code 245 KB}, {@code 1,2 MB} (Vietnamese) or {@code 1.2 MB} (English). */
    public static String size(long bytes, Lang lang) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        NumberFormat number = NumberFormat.getNumberInstance(lang.locale());
        number.setMaximumFractionDigits(1);
        return bytes < 1024 * 1024 ? Math.round(bytes / 1024.0) + " KB" : number.format(bytes / 1048576.0) + " MB";
    }

    /** The first 16 hex digits of a SHA-256, in groups of four for reading aloud: {@code 3f2a 9c1b 77d0 12ef}. */
    public static String digestPrefix(String sha256) {
        String prefix = sha256.substring(0, 16);
        return String.join(" ", prefix.substring(0, 4), prefix.substring(4, 8), prefix.substring(8, 12),
                prefix.substring(12, 16));
    }

    public static String time(Instant instant) {
        return TIME.format(instant) + " (GMT+7)";
    }

    /** {@code •••• ••• 678}: enough for the citizen to recognise their number, not enough to harvest it. */
    public static String maskedPhone(String phone) {
        return phone == null || phone.length() < 4 ? "•••" : "•••• ••• " + phone.substring(phone.length() - 3);
    }

    /** {@code n•••@example.vn}. */
    public static String maskedEmail(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at < 1 ? "•••" : email.charAt(0) + "•••" + email.substring(at);
    }
}
