package io.kyso.signer.page.activation;

import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.NationalIdentityProvider;
import io.kyso.signer.testing.PhoneBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A citizen activates their credential in a real browser (headless Chromium at a phone's size):
 * the code texted to them, then the login at the national identity provider (a real OpenID Connect
 * provider in this process, with its own login page) and back, under the pages' content security
 * policy. Screenshots in {@code target/screenshots}.
 */
class ActivationBrowserIT {
    private static NationalIdentityProvider vneid;
    private static KysoTestService kyso;

    @BeforeAll
    static void start() {
        vneid = new NationalIdentityProvider();
        kyso = KysoTestService.startReachable(vneid.kysoProperties());
    }

    @AfterAll
    static void stop() {
        kyso.close();
        vneid.close();
    }

    @Test
    void shouldActivateWithTheTextedCodeAndTheCitizensIdentityLogin() {
        Map<String, Object> citizen = kyso.enrollPending("Nguyễn Thị Định", "079099881001", "+84906881001", null);
        try (PhoneBrowser phone = new PhoneBrowser()) {
            phone.open(citizen.get("activationUrl").toString());
            assertTrue(phone.find("#citizen-name").getText().contains("Nguyễn Thị Định"));
            phone.screenshot("10-activation");
            phone.find("#otp").sendKeys(kyso.latestActivationCode("phone", "+84906881001"));
            phone.find("#activation-form-button").click();
            phone.await("#identity-button");
            phone.screenshot("11-activation-identity");
            phone.find("#identity-button").click();

            phone.await("input[name='username']").sendKeys("vneid-079099881001");
            phone.find("textarea[name='claims']").sendKeys("{\"" + NationalIdentityProvider.CLAIM + "\": \"079099881001\"}");
            phone.find("input[type='submit']").click();

            assertTrue(phone.await("#result-title").getText().contains("Đã kích hoạt chữ ký số"),
                    phone.driver().getPageSource());
            phone.screenshot("12-activated");
        }
        assertEquals("ACTIVE", kyso.get("/api/v1/citizens/" + citizen.get("id")).string("credentialStatus"));
    }
}
