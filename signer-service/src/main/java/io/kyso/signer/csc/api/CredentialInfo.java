package io.kyso.signer.csc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A credential as {@code credentials/info} and {@code credentials/list} describe it (CSC API v2
 * §11.4, §11.5). {@code credentialID} only in a list.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialInfo(
        String credentialID,
        String description,
        Key key,
        Cert cert,
        Auth auth,
        @JsonProperty("SCAL") String scal,
        int multisign,
        String lang) {

    /** The key: {@code enabled} only while the credential may sign; the signAlgo OIDs it takes. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(String status, List<String> algo, int len, String curve) {
    }

    /** The certificate: status, base64 DER certificates as asked, and with certInfo its names and validity. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cert(String status, List<String> certificates, String issuerDN, String serialNumber,
                       String subjectDN, String validFrom, String validTo) {
    }

    /**
     * How the credential is authorized: {@code oauth2code} (the citizen's confirmation on Kyso's page).
     * {@code objects} is always present, empty: some clients require the field whatever the mode.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Auth(String mode, List<String> objects) {
    }
}
