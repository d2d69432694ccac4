package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import io.kyso.signer.csc.AuthorizedHash;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.HashValues;
import jakarta.inject.Singleton;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code credential} authorization details (RFC 9396; CSC API v2 §8.4) of a credential token:
 * what a token request may ask for (nothing beyond what the citizen authorized) and what the token
 * answer says was granted (the credential, the hash function, each hash with its label).
 */
@Singleton
public class AuthorizationDetails {

    /** The details granted by {@code authorization}, as the token answer carries them. */
    public JSONArray granted(CredentialAuthorization authorization) {
        JSONArray digests = new JSONArray();
        for (AuthorizedHash hash : authorization.hashes()) {
            JSONObject digest = new JSONObject();
            digest.put("hash", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hash.digestHex())));
            digest.put("label", hash.label());
            digests.add(digest);
        }
        JSONObject detail = new JSONObject();
        detail.put("type", CredentialRequests.CREDENTIAL);
        detail.put("credentialID", authorization.credentialId());
        detail.put("hashAlgorithmOID", authorization.hashAlgorithm().oid());
        detail.put("documentDigests", digests);
        JSONArray details = new JSONArray();
        details.add(detail);
        return details;
    }

    /**
     * Refuses a token request whose details ask for more than the citizen authorized: another
     * credential, another hash function, or a hash the authorization does not cover.
     */
    public void requireCovered(List<AuthorizationDetail> requested, CredentialAuthorization authorization) {
        for (AuthorizationDetail detail : requested) {
            boolean fits = CredentialRequests.CREDENTIAL.equals(detail.getType().getValue())
                    && authorization.credentialId().equals(detail.getField("credentialID"))
                    && authorization.hashAlgorithm().oid().equals(detail.getField("hashAlgorithmOID"))
                    && coversDigests(detail.getField("documentDigests"), authorization);
            if (!fits) {
                throw new CscException(400, "invalid_authorization_details",
                        "authorization_details ask for more than the citizen authorized");
            }
        }
    }

    private static boolean coversDigests(Object digests, CredentialAuthorization authorization) {
        if (digests == null) {
            return true;
        }
        if (!(digests instanceof List<?> list)) {
            return false;
        }
        for (Object entry : list) {
            if (!(entry instanceof JSONObject digest) || !(digest.get("hash") instanceof String hash)) {
                return false;
            }
            String hex = HexFormat.of().formatHex(HashValues.decode(hash));
            if (authorization.hashes().stream().noneMatch(h -> h.digestHex().equals(hex))) {
                return false;
            }
        }
        return true;
    }
}
