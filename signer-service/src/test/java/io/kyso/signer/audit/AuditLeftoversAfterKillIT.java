package io.kyso.signer.audit;

import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoClient;
import io.kyso.client.NewSigningRequest;
import io.kyso.signer.testing.CitizenActivation;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.ServiceProcess;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service is killed ({@code kill -9}) while acknowledged calls' audit records still wait to be
 * chained (its sequencer runs once an hour here): they survived in the database, and after the
 * restart they are chained, in order, and the chain verifies.
 */
class AuditLeftoversAfterKillIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldChainRecordsLeftWaitingByAKilledProcessAfterTheRestart() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(List.of(), Map.of("KYSO_AUDIT_SEQUENCER_INTERVAL", "1h"))) {
            KysoClient kyso = KysoTestService.client(service.url());
            io.kyso.client.Citizen enrolled = kyso.citizens().enroll(EnrollCitizen.of("079099001001", "Lê Hoàn", "+84901001001"));
            CitizenActivation.activate(service.url(), enrolled.activationUrl().toString(), "+84901001001", null);
            UUID citizen = enrolled.id();
            Path pdf = Files.write(service.dataDir().resolve("a.pdf"), TestPdfs.small());
            UUID request = kyso.signingRequests().create(NewSigningRequest.builder(citizen, "Hồ sơ")
                    .document(DocumentUpload.of(pdf)).build()).id();

            assertEquals(137, service.kill());
            long waiting = count(service.dataDir(), "SELECT COUNT(*) FROM audit_pending");
            assertTrue(waiting >= 3, "enrolled, created, code sent: " + waiting + " records waiting");
            assertEquals(0, count(service.dataDir(), "SELECT COUNT(*) FROM audit_event"));

            service.restart();
            String verify = get(service.url(), "/api/v1/audit/verify");
            assertTrue(verify.contains("\"valid\":true"), verify);
            assertTrue(verify.contains("\"entries\":" + waiting), verify);
            String events = get(service.url(), "/api/v1/audit/events?requestId=" + request);
            assertTrue(events.contains("REQUEST_CREATED") && events.contains("CODE_SENT"), events);
        }
    }

    private static long count(Path dataDir, String sql) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("kyso") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String get(URI base, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + KysoTestService.API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}
