package io.kyso.signer.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who a citizen certificate names: {@code CN=<full name>, UID=CCCD:<national id>, C=VN}. The full
 * name keeps its Vietnamese diacritics (UTF8String).
 */
public record CitizenSubject(String fullName, String nationalId) {

    public X500Name toX500Name() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "VN")
                .addRDN(BCStyle.UID, "CCCD:" + nationalId)
                .addRDN(BCStyle.CN, fullName)
                .build();
    }
}
