package io.kyso.signer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI contract the service serves at {@code /openapi.yaml} against the service itself: every
 * route of {@code /api/v1} and {@code /csc/v2} that Micronaut's router knows is in it (a route added
 * without documentation fails here) and nothing else is; every refusal is described the way the
 * service answers it; every example fits its schema ({@link ExampleValidation}).
 */
@KysoService
class OpenApiContractTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> DOCUMENTED_PREFIXES = List.of("/api/v1/", "/csc/v2/");
    private static KysoTestService kyso;
    private static JsonNode contract;

    @BeforeAll
    static void readServedContract() throws IOException {
        ApiResponse served = kyso.get(OpenApiController.PATH, null);
        assertEquals(200, served.status(), served.text());
        assertTrue(served.contentType().startsWith(OpenApiController.MEDIA_TYPE), served.contentType());
        contract = YAML.readTree(served.body());
    }

    @Test
    void shouldServeAnOpenApi3DocumentWithoutAnApiKey() {
        assertTrue(contract.path("openapi").asText().startsWith("3."), contract.path("openapi").asText());
        assertEquals("Kyso", contract.path("info").path("title").asText());
        assertTrue(contract.path("components").path("securitySchemes").has(OpenApiController.PORTAL_API_KEY));
        assertTrue(contract.path("components").path("securitySchemes").has(OpenApiController.CSC_OAUTH2));
    }

    @Test
    void shouldDocumentEveryRouteOfTheApisAndNothingElse() {
        Set<String> routes = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            routes.add(route.getHttpMethodName().toLowerCase(Locale.ROOT) + " " + route.getUriMatchTemplate().toPathString());
        }
        Set<String> documented = new TreeSet<>();
        contract.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey() + " " + path.getKey())));
        assertFalse(routes.isEmpty());
        assertEquals(routes, documented, "routes of the router (left) and operations of the contract (right)");
    }

    @Test
    void shouldDocumentEveryMediaTypeARouteConsumes() {
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            if (route.getBodyArgument().isEmpty() || route.getConsumes().contains(MediaType.ALL_TYPE)) {
                continue;
            }
            JsonNode content = operation(route).path("requestBody").path("content");
            for (MediaType consumed : route.getConsumes()) {
                assertTrue(content.has(consumed.getName()), route + " consumes " + consumed + ", the contract has " + content);
            }
        }
    }

    @Test
    void shouldNameEveryOperationForGeneratedClients() {
        Set<String> ids = new TreeSet<>();
        operations().forEach(operation -> {
            String id = operation.path("operationId").asText();
            assertTrue(id.matches("[a-z][A-Za-z]+"), "operationId '" + id + "' (set it with @Operation)");
            assertTrue(ids.add(id), "operationId " + id + " twice");
            assertTrue(operation.path("responses").properties().stream().anyMatch(r -> r.getKey().startsWith("2")),
                    id + " has no success answer");
        });
    }

    @Test
    void shouldDescribeKysosRefusalsAsProblemsWithTheStableCode() {
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            if (!route.getUriMatchTemplate().toPathString().startsWith("/api/v1/")) {
                continue;
            }
            JsonNode operation = operation(route);
            for (String status : List.of("4XX", "5XX")) {
                JsonNode schema = operation.path("responses").path(status).path("content").path("application/problem+json")
                        .path("schema");
                assertEquals("#/components/schemas/Problem", schema.path("$ref").asText(), route + " " + status);
            }
            assertTrue(operation.path("security").toString().contains(OpenApiController.PORTAL_API_KEY), route.toString());
        }
        JsonNode problem = contract.at("/components/schemas/Problem/properties");
        for (String member : List.of("type", "title", "status", "detail", "code", "attemptsLeft", "document")) {
            assertTrue(problem.has(member), "Problem has no " + member);
        }
        assertEquals("#/components/schemas/ErrorCode", problem.path("code").path("$ref").asText());
    }

    @Test
    void shouldListEveryErrorCode() {
        Set<String> listed = new TreeSet<>();
        contract.at("/components/schemas/ErrorCode/x-extensible-enum").forEach(code -> listed.add(code.asText()));
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(codes, listed, "ErrorCode (left) and ErrorCode.x-extensible-enum in src/main/openapi (right)");
    }

    @Test
    void shouldDescribeCscErrorsAsTheSpecificationHasThem() {
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            if (!route.getUriMatchTemplate().toPathString().startsWith("/csc/v2/")) {
                continue;
            }
            for (String status : List.of("4XX", "5XX")) {
                JsonNode schema = operation(route).path("responses").path(status).path("content").path("application/json")
                        .path("schema");
                assertEquals("#/components/schemas/CscErrorBody", schema.path("$ref").asText(), route + " " + status);
            }
        }
        Set<String> members = new TreeSet<>();
        contract.at("/components/schemas/CscErrorBody/properties").fieldNames().forEachRemaining(members::add);
        assertEquals(Set.of("error", "error_description"), members);
    }

    @Test
    void shouldGiveExamplesThatFitTheirSchemas() {
        ExampleValidation.Outcome outcome = ExampleValidation.of(contract);
        assertTrue(outcome.failures().isEmpty(), String.join("\n", outcome.failures()));
        assertTrue(outcome.checked() >= 10, "only " + outcome.checked() + " examples checked");
        assertEquals(Set.of(), outcome.unusedComponentExamples(), "examples in components that nothing refers to");
    }

    /** The routes of both APIs, less the HEAD route Micronaut adds beside every GET (the GET's answer without its body). */
    private static List<UriRouteInfo<?, ?>> apiRoutes() {
        List<UriRouteInfo<?, ?>> routes = new ArrayList<>();
        Set<String> gets = new TreeSet<>();
        kyso.context().getBean(Router.class).uriRoutes().forEach(route -> {
            String path = route.getUriMatchTemplate().toPathString();
            if (DOCUMENTED_PREFIXES.stream().anyMatch(path::startsWith)) {
                routes.add(route);
                if (route.getHttpMethod() == HttpMethod.GET) {
                    gets.add(path);
                }
            }
        });
        routes.removeIf(route -> route.getHttpMethod() == HttpMethod.HEAD && gets.contains(route.getUriMatchTemplate().toPathString()));
        return routes;
    }

    private static JsonNode operation(UriRouteInfo<?, ?> route) {
        JsonNode operation = contract.path("paths").path(route.getUriMatchTemplate().toPathString())
                .path(route.getHttpMethodName().toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), "no operation for " + route);
        return operation;
    }

    private static List<JsonNode> operations() {
        List<JsonNode> operations = new ArrayList<>();
        contract.path("paths").forEach(path -> path.forEach(operations::add));
        return operations;
    }
}
