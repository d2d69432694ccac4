package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscCredentials;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.HashValues;
import io.kyso.signer.csc.SignAlgorithms;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.SigningCredentials;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import jakarta.inject.Singleton;
import net.minidev.json.JSONObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a credential authorization request (CSC API v2 §8.4, RFC 9396 {@code authorization_details}
 * of type {@code credential}, or the CSC parameters {@code credentialID}, {@code hashes},
 * {@code hashAlgorithmOID}, {@code numSignatures}) that the OAuth 2.0 SDK has parsed, and checks it
 * before anything is stored: the portal is a registered client and the redirect URI one of its own
 * (else nothing may be redirected to it), PKCE S256, the credential is the portal's and may sign,
 * and the hashes are well-formed, of the declared hash function, not repeated, not too many.
 */
@Singleton
public class CredentialRequests {
    public static final String CREDENTIAL = "credential";

    private final OAuthClients clients;
    private final PortalDirectory portals;
    private final CscCredentials credentials;
    private final SigningCredentials signing;
    private final CscConfiguration config;
    private final Clock clock;

    public CredentialRequests(OAuthClients clients, PortalDirectory portals, CscCredentials credentials,
                              SigningCredentials signing, CscConfiguration config, Clock clock) {
        this.clients = clients;
        this.portals = portals;
        this.credentials = credentials;
        this.signing = signing;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The portal a front-channel request comes from, if its client id and redirect URI are registered.
     *
     * @throws CscException {@code invalid_request} (never to be redirected) otherwise
     */
    public Portal requireClient(AuthorizationRequest request) {
        String clientId = request.getClientID().getValue();
        if (clients.registration(clientId).isEmpty()) {
            throw CscException.invalidRequest("Unknown client_id");
        }
        if (!clients.isRegisteredRedirect(clientId, request.getRedirectionURI())) {
            throw CscException.invalidRequest("redirect_uri is not one the client registered");
        }
        return portals.findById(clientId).orElseThrow(() -> CscException.invalidRequest("Unknown client_id"));
    }

    /**
     * The checked request of {@code portal}, whose client and redirect URI were checked.
     *
     * @throws CscException with the OAuth 2.0 error to send back to the client
     */
    public CredentialRequest read(Portal portal, AuthorizationRequest request) {
        if (!ResponseType.CODE.equals(request.getResponseType())) {
            throw new CscException(400, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.getCode(), "response_type must be code");
        }
        if (!clients.isRegisteredRedirect(portal.id(), request.getRedirectionURI())) {
            throw CscException.invalidRequest("redirect_uri is not one the client registered");
        }
        if (request.getCodeChallenge() == null || !CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            throw CscException.invalidRequest("PKCE is required: code_challenge with code_challenge_method S256");
        }
        Fields fields = fields(request);
        Citizen citizen = credentials.find(portal.id(), fields.credentialId)
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter credentialID"));
        if (!signing.stateOf(citizen).maySign()) {
            throw new CscException(400, OAuth2Error.ACCESS_DENIED.getCode(), "The credential cannot sign now");
        }
        if (citizen.blockedUntil() != null && citizen.blockedUntil().isAfter(clock.instant())) {
            throw new CscException(400, OAuth2Error.ACCESS_DENIED.getCode(),
                    "Too many wrong codes were entered for this credential; try again later");
        }
        DigestAlgorithm algorithm = SignAlgorithms.hashOf(fields.hashAlgorithmOid)
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter hashAlgorithmOID"));
        List<byte[]> hashes = HashValues.decodeAll(fields.hashes, algorithm, config.maxHashes());
        if (fields.numSignatures != null && fields.numSignatures != hashes.size()) {
            throw CscException.invalidRequest("numSignatures must equal the number of hashes");
        }
        if (fields.description != null && fields.description.length() > 500) {
            throw CscException.invalidRequest("description is longer than 500 characters");
        }
        String state = request.getState() == null ? null : request.getState().getValue();
        if (state != null && state.length() > 512) {
            throw CscException.invalidRequest("state is longer than 512 characters");
        }
        return new CredentialRequest(portal, citizen, algorithm, hashes, fields.labels, fields.description,
                request.getRedirectionURI(), state, request.getCodeChallenge().getValue());
    }

    /** The request's credential fields, from its {@code credential} authorization detail or its CSC parameters. */
    private record Fields(String credentialId, List<String> hashes, List<String> labels, String hashAlgorithmOid,
                          Integer numSignatures, String description) {
    }

    private Fields fields(AuthorizationRequest request) {
        List<AuthorizationDetail> details = request.getAuthorizationDetails();
        String description = custom(request, "description");
        if (details != null && !details.isEmpty()) {
            if (details.size() != 1 || !CREDENTIAL.equals(details.get(0).getType().getValue())) {
                throw new CscException(400, "invalid_authorization_details",
                        "authorization_details must hold one detail of type credential");
            }
            return fromDetail(details.get(0), description);
        }
        if (request.getScope() == null || !request.getScope().contains(CREDENTIAL)) {
            throw new CscException(400, OAuth2Error.INVALID_SCOPE.getCode(),
                    "Only the credential scope is authorized here; the service scope is granted to client credentials");
        }
        String hashes = required(custom(request, "hashes"), "hashes");
        String num = custom(request, "numSignatures");
        List<String> values = Arrays.asList(hashes.split(",", -1));
        return new Fields(required(custom(request, "credentialID"), "credentialID"), values,
                values.stream().map(v -> (String) null).toList(), required(custom(request, "hashAlgorithmOID"),
                "hashAlgorithmOID"), num == null ? null : integer(num, "numSignatures"), description);
    }

    private Fields fromDetail(AuthorizationDetail detail, String description) {
        Object digests = detail.getField("documentDigests");
        if (!(digests instanceof List<?> list) || list.isEmpty()) {
            throw CscException.invalidRequest("Missing (or invalid type) array parameter documentDigests");
        }
        List<String> hashes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof JSONObject digest) || !(digest.get("hash") instanceof String hash)) {
                throw CscException.invalidRequest("Each of documentDigests needs a string hash");
            }
            Object label = digest.get("label");
            if (label != null && (!(label instanceof String text) || text.length() > 200)) {
                throw CscException.invalidRequest("A documentDigests label must be a string of at most 200 characters");
            }
            hashes.add(hash);
            labels.add((String) label);
        }
        Object num = detail.getField("numSignatures");
        Integer numSignatures = num == null ? null : integer(num.toString(), "numSignatures");
        Object detailDescription = detail.getField("description");
        return new Fields(required(string(detail, "credentialID"), "credentialID"), hashes, labels,
                required(string(detail, "hashAlgorithmOID"), "hashAlgorithmOID"), numSignatures,
                detailDescription instanceof String text ? text : description);
    }

    private static String string(AuthorizationDetail detail, String name) {
        Object value = detail.getField(name);
        if (value != null && !(value instanceof String)) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter " + name);
        }
        return (String) value;
    }

    private static String custom(AuthorizationRequest request, String name) {
        List<String> values = request.getCustomParameter(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter " + name);
        }
        return value;
    }

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw CscException.invalidRequest("Invalid parameter " + name);
        }
    }
}
