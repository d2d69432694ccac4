package io.kyso.signer.csc.api;

import io.kyso.signer.csc.CscException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body of a CSC API call, read field by field so that every fault is answered as the
 * specification words it ("Missing (or invalid type) string parameter credentialID"). A field the
 * method does not define is refused with its name: a misspelt parameter never silently does nothing.
 */
final class CscJson {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final JsonNode body;

    private CscJson(JsonNode body) {
        this.body = body;
    }

    /** The body as an object whose fields are all among {@code known}; an empty body is an empty object. */
    static CscJson parse(String text, Set<String> known) {
        JsonNode node;
        if (text == null || text.isBlank()) {
            node = JsonNode.createObjectNode(Map.of());
        } else {
            try {
                node = JSON.readValue(text, JsonNode.class);
            } catch (IOException | RuntimeException e) {
                throw CscException.invalidRequest("The body is not valid JSON");
            }
        }
        if (node == null || !node.isObject()) {
            throw CscException.invalidRequest("The body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!known.contains(entry.getKey())) {
                throw CscException.invalidRequest("Unknown parameter " + entry.getKey());
            }
        }
        return new CscJson(node);
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter " + name);
        }
        return value;
    }

    /** The string, or null if absent. */
    String string(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter " + name);
        }
        return value.getStringValue();
    }

    boolean bool(String name, boolean otherwise) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw CscException.invalidRequest("Invalid parameter " + name);
        }
        return value.getBooleanValue();
    }

    /** A non-empty array of strings. */
    List<String> requiredStrings(String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isArray()) {
            throw CscException.invalidRequest("Missing (or invalid type) array parameter " + name);
        }
        if (value.size() == 0) {
            throw CscException.invalidRequest("Empty " + name + " array");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                throw CscException.invalidRequest("Invalid parameter " + name + ": an array of strings");
            }
            strings.add(item.getStringValue());
        }
        return strings;
    }

    /** The array of objects under {@code name}, each with fields among {@code known}; empty if absent. */
    List<CscJson> objects(String name, Set<String> known) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw CscException.invalidRequest("Missing (or invalid type) array parameter " + name);
        }
        List<CscJson> objects = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isObject()) {
                throw CscException.invalidRequest("Invalid parameter " + name + ": an array of objects");
            }
            for (Map.Entry<String, JsonNode> entry : item.entries()) {
                if (!known.contains(entry.getKey())) {
                    throw CscException.invalidRequest("Unknown parameter " + name + "." + entry.getKey());
                }
            }
            objects.add(new CscJson(item));
        }
        return objects;
    }

    boolean has(String name) {
        JsonNode value = body.get(name);
        return value != null && !value.isNull();
    }
}
