package io.kyso.signer.idempotency;

import io.micronaut.http.annotation.FilterMatcher;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST endpoint whose body is buffered (JSON) as honouring {@code Idempotency-Key}: the
 * {@link IdempotencyFilter} runs only for routes carrying it. The multipart upload, whose body
 * streams, applies {@link IdempotentExecution} itself once it has hashed the parts. The OpenAPI
 * contract shows the header on every route carrying it.
 */
@FilterMatcher
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Parameter(in = ParameterIn.HEADER, name = IdempotentExecution.HEADER, ref = "#/components/parameters/IdempotencyKey")
public @interface Idempotent {
}
