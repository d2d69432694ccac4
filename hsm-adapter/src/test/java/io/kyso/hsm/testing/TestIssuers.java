package io.kyso.hsm.testing;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** {@link ChainIssuer}s for tests, building certificates with Bouncy Castle (test scope only). */
public final class TestIssuers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestIssuers() {
    }

    /** A CA whose key lives in software. */
    public record TestCa(X509Certificate certificate, PrivateKey privateKey) {
    }

    /** A self-signed certificate, signed by the new key itself (ECDSA or RSA PKCS#1 v1.5, SHA-256). */
    public static ChainIssuer selfSigned(String commonName) {
        return (publicKey, ownKey) -> List.of(selfSignedCertificate(commonName, publicKey, ownKey,
                "EC".equals(publicKey.getAlgorithm()) ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15));
    }

    /** A self-signed certificate signed by the new key with the given scheme, over SHA-256. */
    public static ChainIssuer selfSigned(String commonName, SignatureScheme scheme) {
        return (publicKey, ownKey) -> List.of(selfSignedCertificate(commonName, publicKey, ownKey, scheme));
    }

    /** An end-entity certificate from {@code ca}: the chain is {@code [entity, ca]}. */
    public static ChainIssuer issuedBy(TestCa ca, String commonName) {
        return (publicKey, ownKey) -> {
            try {
                ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey());
                X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
                return List.of(certificate(issuer, commonName, publicKey, signer, false), ca.certificate());
            } catch (OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** An issuer that certifies some other key than the one it is asked to. */
    public static ChainIssuer certifyingAnotherKey() {
        return (publicKey, ownKey) -> List.of(softwareCa("CN=Someone else").certificate());
    }

    /** A self-signed P-256 CA in software. */
    public static TestCa softwareCa(String subject) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X500Name name = new X500Name(subject);
            return new TestCa(certificate(name, subject.substring(3), pair.getPublic(), signer, true), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSignedCertificate(String commonName, PublicKey publicKey, DigestSigner ownKey,
            SignatureScheme scheme) {
        String algorithm = switch (scheme) {
            case ECDSA -> "SHA256withECDSA";
            case RSA_PKCS1_V15 -> "SHA256withRSA";
            case RSA_PSS -> "SHA256withRSAandMGF1";
        };
        ContentSigner signer = digestSigner(ownKey, scheme, new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm));
        return certificate(new X500Name("CN=" + commonName), commonName, publicKey, signer, true);
    }

    private static X509Certificate certificate(X500Name issuer, String commonName, PublicKey publicKey,
            ContentSigner signer, boolean ca) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=" + commonName), SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()));
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Bouncy Castle ContentSigner that hashes what it is given and has the token sign the digest. */
    private static ContentSigner digestSigner(DigestSigner ownKey, SignatureScheme scheme, AlgorithmIdentifier id) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return id;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(buffer.toByteArray());
                    return ownKey.sign(DigestAlgorithm.SHA256, scheme, digest);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
