package io.kyso.client;

import java.util.Objects;

/**
 * A citizen to enroll.
 *
 * @param nationalId   the 12-digit CCCD number
 * @param fullName     as on the citizen's ID, with diacritics ("Nguyễn Thị Hồng Nhung")
 * @param phone        where codes are sent: E.164 ({@code +84912345678}) or national ({@code 0912345678})
 * @param email        optional
 * @param keyAlgorithm optional; Kyso's default is {@link KeyAlgorithm#EC_P256}
 */
public record EnrollCitizen(String nationalId, String fullName, String phone, String email,
                            KeyAlgorithm keyAlgorithm) {

    public EnrollCitizen {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(phone, "phone");
    }

    public static EnrollCitizen of(String nationalId, String fullName, String phone) {
        return new EnrollCitizen(nationalId, fullName, phone, null, null);
    }

    public EnrollCitizen withEmail(String address) {
        return new EnrollCitizen(nationalId, fullName, phone, address, keyAlgorithm);
    }

    public EnrollCitizen withKeyAlgorithm(KeyAlgorithm algorithm) {
        return new EnrollCitizen(nationalId, fullName, phone, email, algorithm);
    }
}
