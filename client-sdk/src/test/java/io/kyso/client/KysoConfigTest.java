package io.kyso.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KysoConfigTest {

    @Test
    void shouldTakeTheUrlAndKeyFromTheEnvironmentWhenNotGiven() {
        KysoConfig config = KysoConfig.builder()
                .environment(Map.of("KYSO_URL", " https://kyso.example.gov.vn ", "KYSO_API_KEY", "k-123")::get)
                .build();
        assertEquals(URI.create("https://kyso.example.gov.vn"), config.baseUrl());
        assertEquals("k-123", config.apiKey());
        assertEquals(4, config.maxAttempts());
        assertEquals(Duration.ofSeconds(10), config.connectTimeout());
    }

    @Test
    void shouldPreferWhatTheBuilderIsGivenOverTheEnvironment() {
        KysoConfig config = KysoConfig.builder().baseUrl("http://localhost:8080").apiKey("given")
                .environment(Map.of("KYSO_URL", "https://other", "KYSO_API_KEY", "other")::get).build();
        assertEquals("given", config.apiKey());
        assertEquals("localhost", config.baseUrl().getHost());
    }

    @Test
    void shouldNameWhatIsMissing() {
        IllegalStateException noUrl = assertThrows(IllegalStateException.class,
                () -> KysoConfig.builder().apiKey("k").environment(name -> null).build());
        assertTrue(noUrl.getMessage().contains("KYSO_URL"), noUrl.getMessage());
        IllegalStateException noKey = assertThrows(IllegalStateException.class,
                () -> KysoConfig.builder().baseUrl("https://kyso").environment(name -> null).build());
        assertTrue(noKey.getMessage().contains("KYSO_API_KEY"), noKey.getMessage());
    }

    @Test
    void shouldRefuseNonsense() {
        KysoConfig.Builder base = KysoConfig.builder().apiKey("k").environment(name -> null);
        assertThrows(IllegalArgumentException.class, () -> base.baseUrl("ftp://kyso").build());
        assertThrows(IllegalArgumentException.class, () -> base.baseUrl("kyso.example").build());
        assertThrows(IllegalArgumentException.class, () -> base.baseUrl("https://kyso").maxAttempts(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> base.baseUrl("https://kyso").maxAttempts(2).requestTimeout(Duration.ZERO).build());
    }

    @Test
    void shouldNeverPrintTheApiKey() {
        KysoConfig config = KysoConfig.builder().baseUrl("https://kyso").apiKey("secret-key-value").build();
        assertTrue(!config.toString().contains("secret-key-value"), config.toString());
    }
}
