package io.kyso.signer;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.Authenticator;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.totp.AuthenticatorAppConfirmationTest;
import io.kyso.signer.totp.AuthenticatorAppConfirmationTest.Invitation;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone who can read the database (a backup, a replica, an operator without the HSM PIN) or the
 * service's log must not find a secret that lets them act as the citizen: after codes sent, resent,
 * typed wrong and right, through the API (with Idempotency-Key) and on the citizen's page, and an
 * authenticator app enrolled and used, no text column of any table and no log line holds a code, the
 * app's seed, the HSM PIN, the code or seed keys, the webhook secret or the portal's API key. Only
 * the development outbox, the stand-in for the citizen's phone, holds codes (it exists only in
 * {@code dev}).
 */
@KysoService
class NothingStoredGivesASecretBackTest {
    private static final Pattern SECRET_ON_PAGE = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    /** Tables a reader of the database may read: all but the development outbox and Flyway's own. */
    private static final Set<String> NOT_SCANNED = Set.of("dev_outbox", "flyway_schema_history");
    private static KysoTestService kyso;

    @Test
    void shouldLeaveNoCodeSeedPinOrKeyInAnyTableOrLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger kysoLogger = (Logger) LoggerFactory.getLogger("io.kyso");
        Level level = kysoLogger.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        kysoLogger.setLevel(Level.DEBUG);
        List<String> codes = new ArrayList<>();
        String seed;
        try {
            codes.addAll(throughTheApi());
            codes.addAll(throughThePage());
            seed = withAnAuthenticatorApp(codes);
        } finally {
            root.detachAppender(log);
            kysoLogger.setLevel(level);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String code : codes) {
            secrets.put("code " + code, code);
        }
        secrets.put("authenticator seed", seed);
        secrets.put("HSM PIN", kyso.property("kyso.hsm.pin"));
        secrets.put("code key", kyso.property("kyso.otp.hash-key"));
        secrets.put("seed key", kyso.property("kyso.totp.seed-key"));
        secrets.put("webhook secret", KysoTestService.WEBHOOK_SECRET);
        secrets.put("API key", KysoTestService.API_KEY);

        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> text : storedTexts().entrySet()) {
            found.addAll(secretsIn(text.getKey(), text.getValue(), secrets));
        }
        for (ILoggingEvent event : log.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            found.addAll(secretsIn("log of " + event.getLoggerName(), line, secrets));
        }
        assertEquals(List.of(), found);
        assertTrue(codes.size() >= 7, "codes sent, resent, wrong and right: " + codes);
        assertTrue(!log.list.isEmpty(), "the log was captured");
    }

    /** Request, resend, a wrong code and the right one relayed by the portal, each with an Idempotency-Key. */
    private static List<String> throughTheApi() {
        String phone = "+84901000741";
        Object citizen = kyso.enroll("Bùi Thị Xuân", "079099000741", phone, null).get("id");
        String id = keyed("/api/v1/signing-requests", Map.of("citizenId", citizen, "title", "Hồ sơ",
                "documents", List.of(pdf("a.pdf", TestPdfs.small())))).string("id");
        String first = kyso.latestCode(phone);
        kyso.post("/api/v1/signing-requests/" + id + "/otp", null, KysoTestService.API_KEY, Map.of("Idempotency-Key",
                UUID.randomUUID().toString()));
        String resent = kyso.latestCode(phone);
        String wrong = other(resent);
        assertEquals("otp.invalid", keyed("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", wrong)).code());
        ApiResponse signed = keyed("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", resent));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
        return List.of(first, resent, wrong);
    }

    /** A wrong code and the right one typed on the citizen's page. */
    private static List<String> throughThePage() {
        String phone = "+84901000742";
        Object citizen = kyso.enroll("Võ Thị Sáu", "079099000742", phone, null).get("id");
        ApiResponse created = kyso.createRequest(citizen, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        String path = URI.create(created.string("confirmationUrl")).getPath();
        String document = firstDocument(created);
        String code = kyso.latestCode(phone);
        String wrong = other(code);
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(path);
        browser.post(path + "/confirmation", browser.formWith("/confirmation",
                List.of(entry("otp", wrong), entry("approved", document))));
        HttpResponse<String> done = browser.post(path + "/confirmation",
                browser.formWith("/confirmation", List.of(entry("otp", code), entry("approved", document))));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("SIGNED", kyso.get("/api/v1/signing-requests/" + created.string("id")).string("status"));
        return List.of(code, wrong);
    }

    /** An app enrolled on its page, then a request confirmed with an app code on the confirmation page. */
    private static String withAnAuthenticatorApp(List<String> codes) {
        String phone = "+84901000743";
        Object citizen = kyso.enroll("Trần Thị Dung", "079099000743", phone, null).get("id");
        assertEquals(202, kyso.post("/api/v1/citizens/" + citizen + "/totp-enrollment", null).status());
        Invitation invitation = AuthenticatorAppConfirmationTest.invitationFor(kyso, phone);
        String enrollment = invitation.path();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(enrollment);
        assertEquals(303, browser.post(enrollment + "/invitation", browser.formWith("/invitation",
                List.of(entry("otp", invitation.code())))).statusCode());
        Matcher secret = SECRET_ON_PAGE.matcher(browser.get(enrollment).body());
        assertTrue(secret.find(), "the enrollment page shows the seed");
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        codes.add(invitation.code());
        String first = app.codeAt(Instant.now());
        assertEquals(200, browser.post(enrollment, browser.formWith(enrollment, List.of(entry("otp", first)))).statusCode());
        ApiResponse created = kyso.createRequest(citizen, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        String path = URI.create(created.string("confirmationUrl")).getPath();
        String next = app.codeAt(Instant.now().plusSeconds(30));
        browser.get(path);
        browser.post(path + "/confirmation", browser.formWith("/confirmation",
                List.of(entry("otp", next), entry("approved", firstDocument(created)))));
        codes.add(first);
        codes.add(next);
        return secret.group(1).replace(" ", "");
    }

    @SuppressWarnings("unchecked")
    private static String firstDocument(ApiResponse request) {
        return ((List<Map<String, Object>>) request.map().get("documents")).get(0).get("id").toString();
    }

    private static ApiResponse keyed(String path, Object body) {
        return kyso.post(path, body, KysoTestService.API_KEY, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private static String other(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    /** Which of {@code secrets} {@code text} holds: a code only where it stands alone, not inside a longer hex run. */
    private static List<String> secretsIn(String where, String text, Map<String, String> secrets) {
        List<String> found = new ArrayList<>();
        secrets.forEach((name, secret) -> {
            boolean code = secret.matches("\\d{6}");
            boolean present = code ? Pattern.compile("(?<![0-9A-Fa-f])" + secret + "(?![0-9A-Fa-f])").matcher(text).find()
                    : text.contains(secret) || text.toUpperCase(Locale.ROOT).contains(secret.toUpperCase(Locale.ROOT));
            if (present) {
                found.add(name + " in " + where);
            }
        });
        return found;
    }

    /** Every text value of every table a reader could read, keyed "table.column#row". */
    private static Map<String, String> storedTexts() {
        return kyso.context().getBean(Database.class).read(c -> {
            Map<String, String> texts = new LinkedHashMap<>();
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    String table = rs.getString("TABLE_NAME");
                    if (schema != null && (schema.equalsIgnoreCase("public"))
                            && !NOT_SCANNED.contains(table.toLowerCase(Locale.ROOT))) {
                        tables.add(table);
                    }
                }
            }
            assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("idempotency_key")), "tables: " + tables);
            for (String table : tables) {
                try (PreparedStatement select = c.prepareStatement("SELECT * FROM " + table);
                     ResultSet rs = select.executeQuery()) {
                    ResultSetMetaData columns = rs.getMetaData();
                    int row = 0;
                    while (rs.next()) {
                        row++;
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            int type = columns.getColumnType(i);
                            if (type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB || type == Types.LONGVARCHAR
                                    || type == Types.NVARCHAR) {
                                String value = rs.getString(i);
                                if (value != null) {
                                    texts.put(table + "." + columns.getColumnName(i) + "#" + row, value);
                                }
                            }
                        }
                    }
                }
            }
            return texts;
        });
    }
}
