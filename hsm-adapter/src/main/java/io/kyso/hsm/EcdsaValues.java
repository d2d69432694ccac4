package io.kyso.hsm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** ECDSA values as PKCS#11 returns them (r || s, fixed width) turned into DER, as SunPKCS11's NONEwithECDSA does. */
final class EcdsaValues {
    private EcdsaValues() {
    }

    static byte[] toDer(byte[] raw) {
        if (raw.length == 0 || raw.length % 2 != 0) {
            throw new HsmException("the token returned an ECDSA value of " + raw.length + " bytes");
        }
        int half = raw.length / 2;
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream(raw.length + 8);
        integer(body, r);
        integer(body, s);
        ByteArrayOutputStream der = new ByteArrayOutputStream(body.size() + 3);
        der.write(0x30);
        length(der, body.size());
        der.writeBytes(body.toByteArray());
        return der.toByteArray();
    }

    private static void integer(ByteArrayOutputStream out, byte[] minimal) {
        out.write(0x02);
        length(out, minimal.length);
        out.writeBytes(minimal);
    }

    private static void length(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
    }
}
