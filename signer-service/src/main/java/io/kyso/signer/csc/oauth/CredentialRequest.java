package io.kyso.signer.csc.oauth;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.portal.Portal;

import java.net.URI;
import java.util.List;

/**
 * A credential authorization request, checked: the portal asks that {@code citizen}'s credential
 * sign exactly {@code hashes} (each with the label the citizen will see), once each.
 *
 * @param codeChallenge the PKCE S256 challenge
 * @param state         the client's state, echoed in the redirect; may be null
 * @param description   the client's free text for the citizen (at most 500 characters); may be null
 */
public record CredentialRequest(Portal portal, Citizen citizen, DigestAlgorithm hashAlgorithm, List<byte[]> hashes,
                                List<String> labels, String description, URI redirectUri, String state,
                                String codeChallenge) {
    public CredentialRequest {
        hashes = hashes.stream().map(byte[]::clone).toList();
        labels = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(labels));
    }

    @Override
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }
}
