package io.kyso.verification.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON form of a {@link DossierReport}: what the API answers, what the service stores and
 * what {@code kyso-verify --json} prints. Times are ISO-8601 UTC; absent values are left out.
 */
public final class ReportJson {
    /** Thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ReportJson() {
    }

    public static byte[] write(DossierReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report as JSON", e);
        }
    }

    public static DossierReport read(byte[] json) {
        try {
            return MAPPER.readValue(json, DossierReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a verification report", e);
        }
    }
}
