package io.kyso.signer.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Codes leave the service through the channels configuration selects: email over SMTP to a real
 * SMTP server (GreenMail) running in the test, and SMS through a gateway that is down, whose failure
 * the request and the audit log show.
 */
class CodeDeliveryTest {
    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");
    private static GreenMail smtp;
    private static HttpServer brokenGateway;
    private static KysoTestService kyso;

    @BeforeAll
    static void start() throws IOException {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        brokenGateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        brokenGateway.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        brokenGateway.start();
        Map<String, Object> props = new HashMap<>();
        props.put("kyso.delivery.email", "smtp");
        props.put("kyso.smtp.host", "127.0.0.1");
        props.put("kyso.smtp.port", smtp.getSmtp().getPort());
        props.put("kyso.smtp.from", "kyso@dichvucong.example.vn");
        props.put("kyso.smtp.start-tls", false);
        props.put("kyso.delivery.sms", "gateway");
        props.put("kyso.sms-gateway.url", "http://127.0.0.1:" + brokenGateway.getAddress().getPort() + "/send");
        props.put("kyso.sms-gateway.retries", 1);
        props.put("kyso.sms-gateway.retry-delay", "10ms");
        props.put("kyso.otp.resend-interval", "0s");
        kyso = KysoTestService.start(props);
    }

    @AfterAll
    static void stop() {
        kyso.close();
        brokenGateway.stop(0);
        smtp.stop();
    }

    @Test
    void shouldEmailTheCodeToACitizenWhoChoseEmailAndSignWithIt() throws Exception {
        Map<String, Object> body = Map.of("nationalId", "079099400001", "fullName", "Ngô Thị Bích",
                "phone", "+84906000001", "email", "bich@example.vn", "otpChannel", "EMAIL");
        ApiResponse citizen = kyso.post("/api/v1/citizens", body);
        assertEquals(201, citizen.status(), citizen::toString);
        assertEquals("EMAIL", citizen.string("otpChannel"));
        ApiResponse created = kyso.createRequest(citizen.string("id"), "Hồ sơ qua thư điện tử",
                List.of(pdf("don.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        assertTrue(smtp.waitForIncomingEmail(1), "an email arrives");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("bich@example.vn", mail.getAllRecipients()[0].toString());
        String text = mail.getContent().toString();
        assertTrue(text.contains(created.string("reference")) && text.contains(created.string("confirmationUrl")), text);
        Matcher code = CODE.matcher(text);
        assertTrue(code.find(), text);
        ApiResponse signed = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", code.group(1)));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
    }

    @Test
    void shouldShowAFailedSmsOnTheRequestAndInTheAuditLog() {
        Map<String, Object> citizen = kyso.enroll("Lý Văn Phúc", "079099400002", "+84906000002", null);
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("don.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        ApiResponse request = kyso.get("/api/v1/signing-requests/" + created.string("id"));
        assertEquals("otp.delivery_failed", request.string("lastError"));
        assertEquals(1, auditCount("CODE_DELIVERY_FAILED", created.string("id")));
        ApiResponse resend = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/otp", null);
        assertEquals(502, resend.status());
        assertEquals("otp.delivery_failed", resend.code());
    }

    private static long auditCount(String type, String requestId) {
        kyso.context().getBean(io.kyso.signer.audit.AuditLog.class).flush(); // chained entries only
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND request_id = ?")) {
                s.setString(1, type);
                s.setObject(2, UUID.fromString(requestId));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
