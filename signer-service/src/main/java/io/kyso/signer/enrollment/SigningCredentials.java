package io.kyso.signer.enrollment;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeyNotFoundException;
import io.kyso.signer.pki.Revocation;
import io.kyso.signer.signing.SignerIdentity;
import jakarta.inject.Singleton;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one answer to "may this citizen's credential sign now?", asked by everything that shows a
 * credential as usable (the CSC API's credential lists) and by everything that signs with it. A
 * revoked credential, one whose certificate is not (or no longer) valid, or one the citizen has not
 * activated never signs. Thread-safe.
 */
@Singleton
public class SigningCredentials {
    private final HsmToken hsm;
    private final CredentialRevocation revocation;
    private final Clock clock;

    public SigningCredentials(HsmToken hsm, CredentialRevocation revocation, Clock clock) {
        this.hsm = hsm;
        this.revocation = revocation;
        this.clock = clock;
    }

    /** Where a credential stands; only {@link #ACTIVE} signs. */
    public enum State {
        ACTIVE, NOT_ACTIVATED, REVOKED, EXPIRED, NOT_YET_VALID;

        public boolean maySign() {
            return this == ACTIVE;
        }
    }

    /** The credential's state now: its certificate's revocation and validity, and its activation. */
    public State stateOf(Citizen citizen) {
        X509Certificate certificate = certificateOf(citizen);
        if (revocationOf(certificate).isPresent()) {
            return State.REVOKED;
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return State.EXPIRED;
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return State.NOT_YET_VALID;
        }
        return activated(citizen) ? State.ACTIVE : State.NOT_ACTIVATED;
    }

    /** The revocation of the credential's certificate, if it is revoked. */
    public Optional<Revocation> revocationOf(X509Certificate certificate) {
        try {
            revocation.requireNotRevoked(certificate);
            return Optional.empty();
        } catch (CredentialRevokedException e) {
            return Optional.of(e.revocation());
        }
    }

    /**
     * The citizen's key to sign with, if the credential may sign.
     *
     * @throws CredentialRevokedException if it is revoked
     * @throws CredentialUnusableException if it may not sign for another reason
     */
    public SignerIdentity signingIdentity(Citizen citizen) {
        State state = stateOf(citizen);
        if (state == State.REVOKED) {
            revocation.requireNotRevoked(certificateOf(citizen));
        }
        if (state == State.NOT_ACTIVATED) {
            citizen.requireActive(); // 409 credential.not_activated
        }
        if (!state.maySign()) {
            throw new CredentialUnusableException(state);
        }
        if (citizen.wrappedKey() != null) {
            return SignerIdentity.wrapped(citizen.keyAlias(), citizen.fullName(),
                    citizen.wrappedKey().toWrappedKey(citizen.keyAlgorithm()));
        }
        KeyEntry key = hsm.find(citizen.keyAlias()).orElseThrow(() -> new KeyNotFoundException(citizen.keyAlias()));
        return new SignerIdentity(citizen.keyAlias(), citizen.keyAlgorithm(), citizen.fullName(), key.chain());
    }

    /** The credential's certificate chain, end entity first, as it was certified. */
    public List<X509Certificate> chainOf(Citizen citizen) {
        if (citizen.wrappedKey() != null) {
            return citizen.wrappedKey().chain();
        }
        return hsm.find(citizen.keyAlias()).map(KeyEntry::chain).orElseGet(() -> List.of(certificateOf(citizen)));
    }

    /** Whether the citizen activated the credential (their first proof of possession, on a Kyso page). */
    private static boolean activated(Citizen citizen) {
        return citizen.credentialState() != CredentialState.PENDING_ACTIVATION;
    }

    private static X509Certificate certificateOf(Citizen citizen) {
        return CitizenCertificates.parse(citizen.certificatePem());
    }
}
