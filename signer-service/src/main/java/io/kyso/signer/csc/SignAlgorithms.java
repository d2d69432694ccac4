package io.kyso.signer.csc;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The signature algorithms of the CSC API (OIDs in {@code signAlgo}, {@code hashAlgorithmOID} and
 * {@code signAlgoParams}) and what they mean for a key: the hash function whose digests are signed
 * and the scheme. RSASSA-PSS is accepted with the parameters the HSM adapter signs with: MGF1 over
 * the same hash, a salt as long as the digest, trailer field 1.
 */
public final class SignAlgorithms {
    public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    public static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

    /** An algorithm by OID: its key type, the scheme, and the hash it fixes (none for the bare key OIDs). */
    private enum Algorithm {
        EC_KEY(EC_PUBLIC_KEY, "EC", SignatureScheme.ECDSA, null),
        ECDSA_SHA256("1.2.840.10045.4.3.2", "EC", SignatureScheme.ECDSA, DigestAlgorithm.SHA256),
        ECDSA_SHA384("1.2.840.10045.4.3.3", "EC", SignatureScheme.ECDSA, DigestAlgorithm.SHA384),
        ECDSA_SHA512("1.2.840.10045.4.3.4", "EC", SignatureScheme.ECDSA, DigestAlgorithm.SHA512),
        RSA_KEY(RSA_ENCRYPTION, "RSA", SignatureScheme.RSA_PKCS1_V15, null),
        RSA_SHA256("1.2.840.113549.1.1.11", "RSA", SignatureScheme.RSA_PKCS1_V15, DigestAlgorithm.SHA256),
        RSA_SHA384("1.2.840.113549.1.1.12", "RSA", SignatureScheme.RSA_PKCS1_V15, DigestAlgorithm.SHA384),
        RSA_SHA512("1.2.840.113549.1.1.13", "RSA", SignatureScheme.RSA_PKCS1_V15, DigestAlgorithm.SHA512),
        RSA_PSS(RSASSA_PSS, "RSA", SignatureScheme.RSA_PSS, null);

        final String oid;
        final String keyType;
        final SignatureScheme scheme;
        final DigestAlgorithm impliedHash;

        Algorithm(String oid, String keyType, SignatureScheme scheme, DigestAlgorithm impliedHash) {
            this.oid = oid;
            this.keyType = keyType;
            this.scheme = scheme;
            this.impliedHash = impliedHash;
        }
    }

    /** How a signHash call's hashes are to be signed. */
    public record Signing(DigestAlgorithm hash, SignatureScheme scheme) {
    }

    private SignAlgorithms() {
    }

    /** Every {@code signAlgo} a credential of {@code spec} accepts, for {@code credentials/info}'s {@code key/algo}. */
    public static List<String> oidsFor(KeySpec spec) {
        return Arrays.stream(Algorithm.values()).filter(a -> a.keyType.equals(spec.keyAlgorithm())).map(a -> a.oid).toList();
    }

    /** Every {@code signAlgo} the service accepts, for {@code info}'s {@code signAlgorithms}. */
    public static List<String> allOids() {
        return Arrays.stream(Algorithm.values()).map(a -> a.oid).toList();
    }

    /** The hash function of {@code oid}, if it is one the service signs. */
    public static Optional<DigestAlgorithm> hashOf(String oid) {
        return Arrays.stream(DigestAlgorithm.values()).filter(d -> d.oid().equals(oid)).findFirst();
    }

    /**
     * What {@code signAlgo} (with {@code hashAlgorithmOID} and {@code signAlgoParams}, either may be
     * null) means for a key of {@code spec}.
     *
     * @throws CscException {@code invalid_request} naming the parameter that does not fit
     */
    public static Signing resolve(KeySpec spec, String signAlgo, String hashAlgorithmOid, String signAlgoParams) {
        Algorithm algorithm = Arrays.stream(Algorithm.values()).filter(a -> a.oid.equals(signAlgo)).findFirst()
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter signAlgo"));
        if (!algorithm.keyType.equals(spec.keyAlgorithm())) {
            throw CscException.invalidRequest("Invalid parameter signAlgo: the credential's key is " + spec.keyAlgorithm());
        }
        DigestAlgorithm hash;
        if (hashAlgorithmOid != null) {
            hash = hashOf(hashAlgorithmOid).orElseThrow(() -> CscException.invalidRequest("Invalid parameter hashAlgorithmOID"));
            if (algorithm.impliedHash != null && algorithm.impliedHash != hash) {
                throw CscException.invalidRequest("Invalid parameter hashAlgorithmOID: signAlgo " + signAlgo
                        + " signs " + algorithm.impliedHash.jcaName() + " hashes");
            }
        } else if (algorithm.impliedHash != null) {
            hash = algorithm.impliedHash;
        } else if (algorithm == Algorithm.RSA_PSS && signAlgoParams != null) {
            hash = pssHash(signAlgoParams);
        } else {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter hashAlgorithmOID");
        }
        if (algorithm == Algorithm.RSA_PSS) {
            requirePssParameters(signAlgoParams, hash);
        } else if (signAlgoParams != null) {
            throw CscException.invalidRequest("Invalid parameter signAlgoParams: signAlgo " + signAlgo + " takes none");
        }
        return new Signing(hash, algorithm.scheme);
    }

    private static DigestAlgorithm pssHash(String signAlgoParams) {
        RSASSAPSSparams params = pssParameters(signAlgoParams);
        return hashOf(params.getHashAlgorithm().getAlgorithm().getId())
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter signAlgoParams: unsupported hash"));
    }

    /** RSASSA-PSS-params (RFC 4055) must say: this hash, MGF1 with this hash, salt of the digest's length, trailer 1. */
    private static void requirePssParameters(String signAlgoParams, DigestAlgorithm hash) {
        if (signAlgoParams == null) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter signAlgoParams");
        }
        RSASSAPSSparams params = pssParameters(signAlgoParams);
        AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
        boolean fits = params.getHashAlgorithm().getAlgorithm().getId().equals(hash.oid())
                && mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
                && AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm().getId().equals(hash.oid())
                && params.getSaltLength().intValueExact() == hash.length()
                && params.getTrailerField().intValueExact() == 1;
        if (!fits) {
            throw CscException.invalidRequest("Invalid parameter signAlgoParams: RSASSA-PSS is signed with "
                    + hash.jcaName() + ", MGF1 over " + hash.jcaName() + " and a " + hash.length() + "-byte salt");
        }
    }

    private static RSASSAPSSparams pssParameters(String signAlgoParams) {
        try {
            return RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(Base64.getDecoder().decode(signAlgoParams)));
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw CscException.invalidRequest("Invalid parameter signAlgoParams: not a base64 DER RSASSA-PSS-params");
        }
    }

    /** The DER RSASSA-PSS-params the service signs with for {@code hash}, base64: for clients and tests. */
    public static String pssParametersFor(DigestAlgorithm hash) {
        AlgorithmIdentifier digest = new AlgorithmIdentifier(switch (hash) {
            case SHA256 -> NISTObjectIdentifiers.id_sha256;
            case SHA384 -> NISTObjectIdentifiers.id_sha384;
            case SHA512 -> NISTObjectIdentifiers.id_sha512;
        }, org.bouncycastle.asn1.DERNull.INSTANCE);
        RSASSAPSSparams params = new RSASSAPSSparams(digest, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, digest),
                new org.bouncycastle.asn1.ASN1Integer(hash.length()), new org.bouncycastle.asn1.ASN1Integer(1));
        try {
            return Base64.getEncoder().encodeToString(params.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
