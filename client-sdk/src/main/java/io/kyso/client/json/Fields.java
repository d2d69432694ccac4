package io.kyso.client.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Typed, checked access to the members of a parsed JSON object. A member that is missing where
 * required, or of the wrong type, is a protocol error ({@link IllegalArgumentException} naming it);
 * unknown members are ignored, so newer services stay readable by older SDKs.
 */
public final class Fields {
    private final Map<String, Object> members;

    private Fields(Map<String, Object> members) {
        this.members = members;
    }

    @SuppressWarnings("unchecked")
    public static Fields of(Object json) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return new Fields((Map<String, Object>) json);
    }

    public boolean has(String name) {
        return members.get(name) != null;
    }

    public String text(String name) {
        String value = optText(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public String optText(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(name, "a string");
    }

    public UUID uuid(String name) {
        try {
            return UUID.fromString(text(name));
        } catch (IllegalArgumentException e) {
            throw wrongType(name, "a UUID");
        }
    }

    public Instant instant(String name) {
        Instant value = optInstant(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public Instant optInstant(String name) {
        String text = optText(name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw wrongType(name, "an ISO-8601 instant");
        }
    }

    public long longValue(String name) {
        Long value = optLong(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public Long optLong(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        throw wrongType(name, "an integer");
    }

    public Integer optInt(String name) {
        Long value = optLong(name);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw wrongType(name, "a 32-bit integer");
        }
        return value == null ? null : value.intValue();
    }

    public Float optFloat(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof Number) {
            return value == null ? null : ((Number) value).floatValue();
        }
        throw wrongType(name, "a number");
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        E value = optEnum(name, type);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public <E extends Enum<E>> E optEnum(String name, Class<E> type) {
        String text = optText(name);
        try {
            return text == null ? null : Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw wrongType(name, "one of " + List.of(type.getEnumConstants()));
        }
    }

    public Fields optObject(String name) {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Map) {
            return of(value);
        }
        throw wrongType(name, "an object");
    }

    public List<Fields> objects(String name) {
        Object value = members.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, "an array");
        }
        return list.stream().map(Fields::of).toList();
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("Kyso's answer lacks \"" + name + "\"");
    }

    private static IllegalArgumentException wrongType(String name, String expected) {
        return new IllegalArgumentException("Kyso's answer has \"" + name + "\" that is not " + expected);
    }
}
