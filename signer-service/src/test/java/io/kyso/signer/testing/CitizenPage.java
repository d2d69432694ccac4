package io.kyso.signer.testing;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/** The citizen on their own page, {@code /me}: logged in with the code texted to their phone. */
public final class CitizenPage {
    private static final Pattern LOGIN_CODE = Pattern.compile("Mã đăng nhập: (\\d{6})");

    private CitizenPage() {
    }

    /** A browser logged in to {@code /me} as the holder of {@code phone}; its last page is the overview. */
    public static PageClient logIn(KysoTestService kyso, String phone) {
        PageClient browser = new PageClient(kyso.url(""));
        browser.get("/me");
        HttpResponse<String> asked = browser.post("/me/login", browser.formWith("/me/login", List.of(entry("phone", phone))));
        if (asked.statusCode() != 303) {
            throw new AssertionError("login refused: " + asked.statusCode() + " " + asked.body());
        }
        browser.get("/me");
        HttpResponse<String> in = browser.post("/me/code", browser.formWith("/me/code",
                List.of(entry("otp", latestCode(kyso, phone)))));
        if (in.statusCode() != 303) {
            throw new AssertionError("login code refused: " + in.statusCode() + " " + in.body());
        }
        browser.get("/me");
        return browser;
    }

    /** The newest login code the development outbox holds for {@code phone}. */
    public static String latestCode(KysoTestService kyso, String phone) {
        for (Map<String, Object> message : kyso.get("/dev/outbox?phone="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8), null).list()) {
            Matcher m = LOGIN_CODE.matcher((String) message.get("text"));
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no login code for " + phone);
    }
}
