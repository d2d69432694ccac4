package io.kyso.verification.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What a seal of an audit chain's head says: this chain ended, when it was sealed, with this entry
 * and this hash. The service's seal signs exactly these bytes (detached CAdES, with a timestamp of the
 * timestamping authority over its signature), so a chain that was cut short after the seal, or
 * rebuilt, no longer matches a seal nobody but the service could make.
 *
 * @param format   {@value #FORMAT}
 * @param chain    {@value #FULL_CHAIN}, or {@code portal:<id>} for one portal's own chain
 * @param lastSeq  the sealed chain's last sequence number (in that chain)
 * @param lastHash that entry's hash (in that chain)
 * @param sealedAt when the service sealed it, by its clock (the timestamp proves it)
 */
public record AuditSealStatement(String format, String chain, long lastSeq, String lastHash, Instant sealedAt) {
    public static final String FORMAT = "kyso-audit-seal/1";
    public static final String FULL_CHAIN = "full";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The name of a portal's own chain. */
    public static String portalChain(String portalId) {
        return "portal:" + portalId;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement in {@code json}, or null if it is not one. */
    public static AuditSealStatement parse(byte[] json) {
        try {
            AuditSealStatement statement = JSON.readValue(json, AuditSealStatement.class);
            return FORMAT.equals(statement.format()) && statement.chain() != null && statement.lastHash() != null
                    && statement.sealedAt() != null ? statement : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
