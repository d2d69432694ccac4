package io.kyso.bench.library;

import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.SignatureTokenConnection;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.SignatureScheme;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * EU DSS's token interface over hsm-adapter, so DSS signs with exactly the key, the session handling
 * and the verification that iText gets through {@code PadesSigner}: the comparison is between the two
 * libraries, not between two ways of reaching the HSM. SHA-256 only, as Kyso signs.
 */
final class HsmDssToken implements SignatureTokenConnection {
    private final HsmToken hsm;
    private final KeyEntry key;
    private final Entry entry;

    HsmDssToken(HsmToken hsm, KeyEntry key) {
        this.hsm = hsm;
        this.key = key;
        CertificateToken[] chain = key.chain().stream().map(CertificateToken::new).toArray(CertificateToken[]::new);
        this.entry = new Entry(chain, key.spec().isEc() ? EncryptionAlgorithm.ECDSA : EncryptionAlgorithm.RSA);
    }

    DSSPrivateKeyEntry entry() {
        return entry;
    }

    @Override
    public List<DSSPrivateKeyEntry> getKeys() {
        return List.of(entry);
    }

    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, eu.europa.esig.dss.enumerations.DigestAlgorithm digestAlgorithm,
                               DSSPrivateKeyEntry keyEntry) {
        return sign(toBeSigned, SignatureAlgorithm.getAlgorithm(keyEntry.getEncryptionAlgorithm(), digestAlgorithm), keyEntry);
    }

    @Override
    public SignatureValue sign(ToBeSigned toBeSigned, SignatureAlgorithm algorithm, DSSPrivateKeyEntry keyEntry) {
        return signDigest(new Digest(algorithm.getDigestAlgorithm(), sha256(toBeSigned.getBytes())), algorithm, keyEntry);
    }

    @Override
    public SignatureValue signDigest(Digest digest, DSSPrivateKeyEntry keyEntry) {
        return signDigest(digest, SignatureAlgorithm.getAlgorithm(keyEntry.getEncryptionAlgorithm(), digest.getAlgorithm()),
                keyEntry);
    }

    @Override
    public SignatureValue signDigest(Digest digest, SignatureAlgorithm algorithm, DSSPrivateKeyEntry keyEntry) {
        if (digest.getAlgorithm() != eu.europa.esig.dss.enumerations.DigestAlgorithm.SHA256 || keyEntry != entry) {
            throw new DSSException("this token signs SHA-256 digests with its one key only");
        }
        SignatureScheme scheme = key.spec().isEc() ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
        // DER for ECDSA, as a JCA token returns it: DSS puts it into CMS as is
        return new SignatureValue(algorithm, hsm.signDigest(key.alias(), DigestAlgorithm.SHA256, scheme, digest.getValue()));
    }

    @Override
    public void close() {
        // the HsmToken belongs to the caller
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(CertificateToken[] chain, EncryptionAlgorithm algorithm) implements DSSPrivateKeyEntry {
        @Override
        public CertificateToken getCertificate() {
            return chain[0];
        }

        @Override
        public CertificateToken[] getCertificateChain() {
            return chain.clone();
        }

        @Override
        public EncryptionAlgorithm getEncryptionAlgorithm() {
            return algorithm;
        }
    }
}
