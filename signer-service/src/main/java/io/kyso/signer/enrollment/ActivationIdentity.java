package io.kyso.signer.enrollment;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.identity.NationalIdentity;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.support.SecretTokens;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * The identity step of an activation, where a national identity provider is configured: after the
 * codes, the citizen logs in at the provider, and the credential becomes active only if the CCCD
 * number the provider vouches for is the credential's. The login must start in the browser that
 * gave the codes (its CSRF nonce, recorded then), and the provider's answer must come back to the
 * browser that started it (a cookie whose hash is kept with the login's state): a portal that holds
 * the enrolled phone cannot pass the identity step on to the citizen, and a login answer carried to
 * another browser does nothing. Each login's state works once; a login of someone else counts, and
 * the link stops working after a few.
 */
@Singleton
public class ActivationIdentity {
    private final CredentialActivation activation;
    private final ActivationRepository activations;
    private final NationalIdentity identity;
    private final Database database;
    private final AuditLog audit;

    public ActivationIdentity(CredentialActivation activation, ActivationRepository activations,
                              NationalIdentity identity, Database database, AuditLog audit) {
        this.activation = activation;
        this.activations = activations;
        this.identity = identity;
        this.database = database;
        this.audit = audit;
    }

    /** Where to send the browser, and the value of the cookie that binds the provider's answer to it. */
    public record Redirect(URI authorizationUri, String bindingCookie) {
        @Override
        public String toString() {
            return "Redirect[(secrets hidden)]";
        }
    }

    /** Starts the login at the provider for the activation of {@code token}, from the browser with {@code browserNonce}. */
    public Redirect start(String token, String browserNonce) {
        CredentialActivation.Loaded l = activation.usable(token);
        if (!identity.configured() || l.stored().codesVerifiedAt() == null) {
            throw new KysoException(ErrorCode.OTP_INVALID, "Enter the codes sent to you first.");
        }
        requireSameBrowser(l.stored().browserSha256(), browserNonce);
        NationalIdentity.Login login = identity.start();
        String binding = SecretTokens.newToken();
        database.inTransaction(c -> {
            activations.identityStarted(c, l.stored().tokenSha256(), SecretTokens.sha256(login.state()), login.nonce(),
                    login.codeVerifier(), SecretTokens.sha256(binding));
            return null;
        });
        return new Redirect(login.authorizationUri(), binding);
    }

    /**
     * The provider's answer: its {@code state} and {@code code} (or {@code error}), in the browser
     * holding {@code bindingCookie}. Activates the credential when the provider vouches for its CCCD.
     *
     * @return the activated citizen
     */
    public Citizen finish(String state, String code, String error, String bindingCookie) {
        ActivationRepository.StoredActivation stored = state == null ? null : database.read(c ->
                activations.findByState(c, SecretTokens.sha256(state))).orElse(null);
        if (stored == null || stored.identityBindingSha256() == null) {
            throw new KysoException(ErrorCode.IDENTITY_FAILED, "This login answer is unknown or was already used.");
        }
        Citizen citizen = activation.requireOpen(activation.withCitizen(stored)).citizen();
        // the state is spent whatever happens next: an answer is never redeemed twice
        database.inTransaction(c -> {
            activations.identityAnswered(c, stored.tokenSha256(), false);
            return null;
        });
        requireSameBrowser(stored.identityBindingSha256(), bindingCookie);
        if (error != null || code == null) {
            throw new KysoException(ErrorCode.IDENTITY_FAILED, "The identity provider did not log the citizen in ("
                    + (error == null ? "no code" : error.replaceAll("[^A-Za-z0-9_.-]", "")) + ").");
        }
        String nationalId = identity.nationalId(code, stored.identityVerifier(), stored.identityNonce());
        if (!nationalId.equals(citizen.nationalId())) {
            database.inTransaction(c -> {
                activations.identityAnswered(c, stored.tokenSha256(), true);
                // never the other person's number: it is theirs, not this credential's
                audit.append(c, AuditRecord.of(AuditEventType.IDENTITY_MISMATCH, citizen.actor())
                        .portal(citizen.portalId()).failure(ErrorCode.IDENTITY_MISMATCH.code())
                        .detail("citizen:" + citizen.id()).build());
                return null;
            });
            throw new KysoException(ErrorCode.IDENTITY_MISMATCH,
                    "The identity provider vouched for another person than the credential's citizen.");
        }
        database.inTransaction(c -> {
            audit.append(c, AuditRecord.of(AuditEventType.IDENTITY_VERIFIED, citizen.actor()).portal(citizen.portalId())
                    .detail("citizen:" + citizen.id() + " provider:" + identity.displayName()).build());
            activation.complete(c, stored.tokenSha256(), citizen);
            return null;
        });
        return activation.withCitizen(stored).citizen();
    }

    private static void requireSameBrowser(String expectedSha256, String presented) {
        if (expectedSha256 == null || presented == null
                || !java.security.MessageDigest.isEqual(expectedSha256.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                SecretTokens.sha256(presented).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new KysoException(ErrorCode.ACTIVATION_OTHER_BROWSER,
                    "Do every step of the activation in the same browser, from the activation link.");
        }
    }
}
