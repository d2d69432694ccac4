package io.kyso.signer.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a citizen does to activate a credential a portal enrolled: open the activation page, type
 * the codes Kyso sent to their phone (and email), here read from the development outbox of the
 * service at {@code base}. The one way every test activates, whatever starts the service.
 */
public final class CitizenActivation {
    private static final Pattern CODE = Pattern.compile("Mã kích hoạt: (\\d{6})");
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CitizenActivation() {
    }

    /** Activates with the codes the outbox holds for {@code phone} (and {@code email}, unless null). */
    public static void activate(URI base, String activationUrl, String phone, String email) {
        activateWith(base, activationUrl, latestCode(base, "phone", phone),
                email == null ? null : latestCode(base, "email", email));
    }

    /** Activates with codes read elsewhere (a test's SMS gateway, an SMTP server). */
    public static void activateWith(URI base, String activationUrl, String phoneCode, String emailCode) {
        if (activationUrl == null) {
            throw new AssertionError("no activation link in the enrollment answer");
        }
        String path = URI.create(activationUrl).getRawPath();
        PageClient citizen = new PageClient(base);
        citizen.get(path);
        List<Map.Entry<String, String>> codes = new ArrayList<>();
        if (phoneCode != null) {
            codes.add(Map.entry("otp", phoneCode));
        }
        if (emailCode != null) {
            codes.add(Map.entry("emailOtp", emailCode));
        }
        HttpResponse<String> posted = citizen.post(path + "/codes", citizen.formWith("/codes", codes));
        String page = citizen.get(path).body();
        if (posted.statusCode() != 303 || !page.contains("class=\"result signed\"")) {
            throw new AssertionError("activation failed (" + posted.statusCode() + "): " + posted.body() + page);
        }
    }

    /** The newest activation code the development outbox holds for a {@code phone} or an {@code email}. */
    public static String latestCode(URI base, String kind, String recipient) {
        URI outbox = base.resolve("/dev/outbox?" + kind + "=" + URLEncoder.encode(recipient, StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(outbox).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            List<Map<String, Object>> messages = JSON.readValue(answer.body(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            for (Map<String, Object> message : messages) {
                Matcher m = CODE.matcher(String.valueOf(message.get("text")));
                if (m.find()) {
                    return m.group(1);
                }
            }
            throw new AssertionError("no activation code in the outbox for " + recipient);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
