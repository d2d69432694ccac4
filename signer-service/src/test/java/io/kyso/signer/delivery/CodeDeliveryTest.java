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
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Codes leave the service through the channels configuration selects: email over SMTP to a real
 * SMTP server (GreenMail) running in the test, and SMS through a gateway that goes down, whose
 * failure the request and the audit log show. (The citizens' activation codes come through the same
 * carriers while the gateway is up.)
 */
class CodeDeliveryTest {
    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");
    private static final Pattern ACTIVATION_CODE = Pattern.compile("Mã kích hoạt: (\\d{6})");
    private static final AtomicBoolean GATEWAY_UP = new AtomicBoolean(true);
    private static final List<String> TEXTED = new CopyOnWriteArrayList<>();
    private static GreenMail smtp;
    private static HttpServer gateway;
    private static KysoTestService kyso;

    @BeforeAll
    static void start() throws IOException {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            String sms = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (GATEWAY_UP.get()) {
                TEXTED.add(0, sms);
            }
            exchange.sendResponseHeaders(GATEWAY_UP.get() ? 202 : 503, -1);
            exchange.close();
        });
        gateway.start();
        Map<String, Object> props = new HashMap<>();
        props.put("kyso.delivery.email", "smtp");
        props.put("kyso.smtp.host", "127.0.0.1");
        props.put("kyso.smtp.port", smtp.getSmtp().getPort());
        props.put("kyso.smtp.from", "kyso@dichvucong.example.vn");
        props.put("kyso.smtp.start-tls", false);
        props.put("kyso.delivery.sms", "gateway");
        props.put("kyso.sms-gateway.url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send");
        props.put("kyso.sms-gateway.retries", 1);
        props.put("kyso.sms-gateway.retry-delay", "10ms");
        props.put("kyso.otp.resend-interval", "0s");
        kyso = KysoTestService.start(props);
    }

    @AfterAll
    static void stop() {
        kyso.close();
        gateway.stop(0);
        smtp.stop();
    }

    /** The newest code of {@code pattern} the gateway carried while it was up. */
    private static String texted(Pattern pattern) {
        for (String sms : TEXTED) {
            Matcher m = pattern.matcher(sms);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no such code texted: " + TEXTED);
    }

    private static String emailed(MimeMessage mail, Pattern pattern) throws Exception {
        Matcher m = pattern.matcher(mail.getContent().toString());
        assertTrue(m.find(), mail.getContent().toString());
        return m.group(1);
    }

    @Test
    void shouldEmailTheCodeToACitizenWhoChoseEmailAndSignWithIt() throws Exception {
        GATEWAY_UP.set(true);
        Map<String, Object> body = Map.of("nationalId", "079099400001", "fullName", "Ngô Thị Bích",
                "phone", "+84906000001", "email", "bich@example.vn", "otpChannel", "EMAIL");
        ApiResponse citizen = kyso.post("/api/v1/citizens", body);
        assertEquals(201, citizen.status(), citizen::toString);
        assertEquals("EMAIL", citizen.string("otpChannel"));
        assertTrue(smtp.waitForIncomingEmail(1), "the activation code arrives by email");
        kyso.activateWith(citizen.string("activationUrl"), texted(ACTIVATION_CODE),
                emailed(smtp.getReceivedMessages()[0], ACTIVATION_CODE));
        ApiResponse created = kyso.createRequest(citizen.string("id"), "Hồ sơ qua thư điện tử",
                List.of(pdf("don.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        assertTrue(smtp.waitForIncomingEmail(2), "an email arrives");
        MimeMessage mail = smtp.getReceivedMessages()[1];
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
        GATEWAY_UP.set(true);
        Map<String, Object> citizen = kyso.enrollPending("Lý Văn Phúc", "079099400002", "+84906000002", null);
        kyso.activateWith(citizen.get("activationUrl").toString(), texted(ACTIVATION_CODE), null);
        GATEWAY_UP.set(false);
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
