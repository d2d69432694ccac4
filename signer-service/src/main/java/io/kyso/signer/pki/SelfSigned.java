package io.kyso.signer.pki;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.KeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

/** Self-signed certificates for the service's own technical keys (e.g. the HSM health probe). */
public final class SelfSigned {
    private SelfSigned() {
    }

    /** A chain issuer that certifies a new key with itself, for {@code validity} from now. */
    public static ChainIssuer issuer(String commonName, KeySpec spec, Clock clock, Duration validity) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Kyso")
                .addRDN(BCStyle.CN, commonName).build();
        return (publicKey, ownKey) -> {
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, CertificateFactory.serial(),
                        Date.from(clock.instant().minusSeconds(300)), Date.from(clock.instant().plus(validity)),
                        name, publicKey);
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                return List.of(new JcaX509CertificateConverter().getCertificate(
                        builder.build(new HsmContentSigner(ownKey, spec))));
            } catch (CertIOException | CertificateException e) {
                throw new IllegalStateException("cannot build a self-signed certificate", e);
            }
        };
    }
}
