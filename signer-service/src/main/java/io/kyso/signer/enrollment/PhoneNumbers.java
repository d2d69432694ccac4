package io.kyso.signer.enrollment;

/** Phone numbers in one form, E.164. */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /**
     * Vietnamese national numbers ({@code 0912…}) become {@code +84912…}; a number whose '+' was
     * decoded to a space in a query string gets it back.
     */
    public static String normalize(String phone) {
        String compact = phone.strip().replace(" ", "");
        if (compact.startsWith("0")) {
            return "+84" + compact.substring(1);
        }
        return compact.startsWith("+") ? compact : "+" + compact;
    }
}
