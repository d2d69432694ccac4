package io.kyso.signer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ExampleValidation} on small documents: what OpenApiContractTest relies on it to catch. */
class ExampleValidationTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SCHEMAS = """
            openapi: 3.0.1
            info: {title: t, version: "1"}
            paths:
              /p:
                get:
                  responses:
                    "4XX":
                      description: refused
                      content:
                        application/problem+json:
                          schema: {$ref: "#/components/schemas/Problem"}
                          examples:
                            shown: {$ref: "#/components/examples/%s"}
            components:
              schemas:
                Problem:
                  type: object
                  required: [status, code]
                  properties:
                    status: {type: integer}
                    code: {type: string, example: %s}
                    attemptsLeft: {type: integer, nullable: true}
              examples:
                Good: {value: {status: 400, code: otp.invalid, attemptsLeft: null}}
                Bad: {value: {status: "400"}}
            """;

    @Test
    void shouldAcceptExamplesThatFitTheirSchemas() throws IOException {
        ExampleValidation.Outcome outcome = ExampleValidation.of(document("Good", "otp.invalid"));
        assertEquals(List.of(), outcome.failures());
        assertEquals(2, outcome.checked());
        assertEquals(Set.of("Bad"), outcome.unusedComponentExamples());
    }

    @Test
    void shouldReportAReferencedExampleThatBreaksItsSchema() throws IOException {
        ExampleValidation.Outcome outcome = ExampleValidation.of(document("Bad", "otp.invalid"));
        assertEquals(2, outcome.failures().size(), outcome.failures().toString()); // status a string, code missing
        assertTrue(outcome.failures().stream().allMatch(f -> f.startsWith("/paths/~1p/get/responses/4XX/content/")),
                outcome.failures().toString());
    }

    @Test
    void shouldReportASchemaExampleOfTheWrongType() throws IOException {
        ExampleValidation.Outcome outcome = ExampleValidation.of(document("Good", "42"));
        assertEquals(1, outcome.failures().size(), outcome.failures().toString());
        assertTrue(outcome.failures().get(0).startsWith("/components/schemas/Problem/properties/code/example"),
                outcome.failures().toString());
    }

    private static JsonNode document(String example, String codeExample) throws IOException {
        return YAML.readTree(SCHEMAS.formatted(example, codeExample));
    }
}
