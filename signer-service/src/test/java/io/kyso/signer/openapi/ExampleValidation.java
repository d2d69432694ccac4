package io.kyso.signer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every example of an OpenAPI 3.0 document against the schema it illustrates, with an
 * independent JSON Schema validator (networknt, OpenAPI 3.0 dialect: {@code nullable} and the rest):
 * {@code example} of a schema against that schema, {@code example} and {@code examples} (inline or
 * from {@code components/examples}) of a media type or parameter against its {@code schema}.
 */
final class ExampleValidation {
    /** Where the document is registered for the validator; nothing is fetched. */
    private static final String BASE = "https://contract.kyso.test/openapi.json";
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

    record Outcome(int checked, List<String> failures, Set<String> unusedComponentExamples) {
    }

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> usedExamples = new TreeSet<>();
    private int checked;

    private ExampleValidation(JsonNode document) {
        this.document = document;
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(BASE, document.toString())));
    }

    static Outcome of(JsonNode document) {
        ExampleValidation validation = new ExampleValidation(document);
        validation.document(document, "");
        Set<String> unused = new TreeSet<>();
        document.at("/components/examples").fieldNames().forEachRemaining(unused::add);
        unused.removeAll(validation.usedExamples);
        return new Outcome(validation.checked, validation.failures, unused);
    }

    /** Any part of the document that is not a schema: finds schemas, and examples beside a schema. */
    private void document(JsonNode node, String pointer) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                document(node.get(i), pointer + "/" + i);
            }
            return;
        }
        if (!node.isObject() || pointer.equals("/components/examples")) {
            return;
        }
        if (node.has("schema")) {
            String schema = pointer + "/schema";
            if (node.has("example")) {
                check(node.get("example"), schema, pointer + "/example");
            }
            node.path("examples").properties().forEach(example -> check(exampleValue(example.getValue()), schema,
                    pointer + "/examples/" + escape(example.getKey())));
        }
        node.properties().forEach(field -> {
            String child = pointer + "/" + escape(field.getKey());
            if (field.getKey().equals("schema") || child.startsWith("/components/schemas/")) {
                schema(field.getValue(), child);
            } else if (field.getKey().equals("schemas") && pointer.equals("/components")) {
                field.getValue().properties().forEach(s -> schema(s.getValue(), child + "/" + escape(s.getKey())));
            } else if (!field.getKey().equals("examples") && !field.getKey().equals("example")) {
                document(field.getValue(), child);
            }
        });
    }

    private void schema(JsonNode node, String pointer) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("example")) {
            check(node.get("example"), pointer, pointer + "/example");
        }
        node.path("properties").properties().forEach(p -> schema(p.getValue(), pointer + "/properties/" + escape(p.getKey())));
        for (String list : SUBSCHEMA_LISTS) {
            for (int i = 0; i < node.path(list).size(); i++) {
                schema(node.path(list).get(i), pointer + "/" + list + "/" + i);
            }
        }
        for (String single : List.of("items", "additionalProperties", "not")) {
            schema(node.path(single), pointer + "/" + single);
        }
    }

    /** An Example Object's value, following a reference into {@code components/examples}. */
    private JsonNode exampleValue(JsonNode example) {
        String ref = example.path("$ref").asText();
        if (ref.startsWith("#/components/examples/")) {
            usedExamples.add(ref.substring("#/components/examples/".length()));
            example = document.at(ref.substring(1));
        }
        return example.path("value");
    }

    private void check(JsonNode example, String schemaPointer, String where) {
        checked++;
        if (example.isMissingNode()) {
            failures.add(where + ": no value");
            return;
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + schemaPointer));
        for (Error error : schema.validate(example)) {
            failures.add(where + ": " + error.getMessage());
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
