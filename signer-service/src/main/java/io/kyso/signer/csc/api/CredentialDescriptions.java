package io.kyso.signer.csc.api;

import io.kyso.hsm.KeySpec;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.SignAlgorithms;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.SigningCredentials;
import jakarta.inject.Singleton;

import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Describes a citizen's credential for the CSC API from the one check of whether it may sign
 * ({@link SigningCredentials}): its key is {@code enabled} exactly when it may, its certificate's
 * status is what the CA's records say. Every credential is SCAL 2 and authorized through OAuth 2.0
 * (the citizen's confirmation on Kyso's page, bound to the hashes).
 */
@Singleton
public class CredentialDescriptions {
    private static final String P256_CURVE = "1.2.840.10045.3.1.7";
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SigningCredentials signing;
    private final CscConfiguration config;

    public CredentialDescriptions(SigningCredentials signing, CscConfiguration config) {
        this.signing = signing;
        this.config = config;
    }

    /** What the caller asked to see. {@code certificates}: {@code none}, {@code single} (default) or {@code chain}. */
    public record Options(String certificates, boolean certInfo, boolean authInfo, String lang, boolean withId) {
        public Options {
            if (certificates == null) {
                certificates = "single";
            }
            if (!List.of("none", "single", "chain").contains(certificates)) {
                throw CscException.invalidRequest("Invalid parameter certificates");
            }
        }
    }

    /** Whether the credential may sign now. */
    public boolean maySign(Citizen citizen) {
        return signing.stateOf(citizen).maySign();
    }

    public CredentialInfo describe(Citizen citizen, Options options) {
        SigningCredentials.State state = signing.stateOf(citizen);
        List<X509Certificate> chain = signing.chainOf(citizen);
        X509Certificate certificate = chain.get(0);
        KeySpec spec = citizen.keyAlgorithm();
        CredentialInfo.Key key = new CredentialInfo.Key(state.maySign() ? "enabled" : "disabled",
                SignAlgorithms.oidsFor(spec), spec.size(), spec.isEc() ? P256_CURVE : null);
        List<X509Certificate> shown = switch (options.certificates()) {
            case "none" -> List.of();
            case "chain" -> chain;
            default -> List.of(certificate);
        };
        CredentialInfo.Cert cert = new CredentialInfo.Cert(certificateStatus(state),
                shown.isEmpty() ? null : shown.stream().map(CredentialDescriptions::base64).toList(),
                options.certInfo() ? certificate.getIssuerX500Principal().getName(X500Principal.RFC2253) : null,
                options.certInfo() ? certificate.getSerialNumber().toString(16) : null,
                options.certInfo() ? certificate.getSubjectX500Principal().getName(X500Principal.RFC2253) : null,
                options.certInfo() ? GENERALIZED_TIME.format(certificate.getNotBefore().toInstant()) : null,
                options.certInfo() ? GENERALIZED_TIME.format(certificate.getNotAfter().toInstant()) : null);
        CredentialInfo.Auth auth = options.authInfo() ? new CredentialInfo.Auth("oauth2code", List.of()) : null;
        String description = "en".equals(options.lang()) ? "Signing key of " + citizen.fullName()
                : "Khóa ký số của " + citizen.fullName();
        return new CredentialInfo(options.withId() ? citizen.id().toString() : null, description, key, cert, auth, "2",
                config.maxHashes(), "en".equals(options.lang()) ? "en" : "vi");
    }

    private static String certificateStatus(SigningCredentials.State state) {
        return switch (state) {
            case REVOKED -> "revoked";
            case EXPIRED -> "expired";
            case NOT_YET_VALID -> "invalid";
            case ACTIVE, NOT_ACTIVATED -> "valid";
        };
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
