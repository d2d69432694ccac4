package io.kyso.client.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void shouldReadWhatItWritesIncludingVietnameseAndEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("title", "Hồ sơ \"đăng ký\" hộ kinh doanh\n\t\\ \u0001 😀");
        value.put("count", 3L);
        value.put("ratio", new BigDecimal("0.25"));
        value.put("none", null);
        value.put("flags", List.of(true, false));
        value.put("nested", Map.of("empty", List.of()));
        assertEquals(value, Json.parse(Json.write(value)));
    }

    @Test
    void shouldDecodeUnicodeEscapesAndSurrogatePairs() {
        assertEquals("Hồ 😀", Json.parse("\"H\\u1ed3 \\ud83d\\ude00\""));
    }

    @Test
    void shouldReadIntegersAsLongsAndOtherNumbersExactly() {
        assertEquals(List.of(0L, -12L, new BigDecimal("1.5e3"), new BigDecimal("123456789012345678901")),
                Json.parse("[0, -12, 1.5e3, 123456789012345678901]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", "-", "tru", "\"a", "\"\\x\"",
            "[1] 2", "{\"a\" 1}", "\"tab\there\"", "// comment\n1", "NaN"})
    void shouldRefuseWhatRfc8259DoesNotAllow(String text) {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
        char[] open = new char[Json.MAX_DEPTH + 2];
        Arrays.fill(open, '[');
        assertThrows(IllegalArgumentException.class, () -> Json.parse(new String(open)));
    }

    @Test
    void shouldRefuseToWriteNonFiniteNumbersOrUnknownTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
