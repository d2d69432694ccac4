package io.kyso.signer.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A real signer-service for every test of the class: started before the class's own
 * {@code @BeforeAll} methods, put into its {@code static KysoTestService} field, closed after its
 * {@code @AfterAll} methods (whatever the field holds then: a test may have restarted it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KysoServiceExtension.class)
public @interface KysoService {

    /** Properties that replace the defaults, as {@code name=value}. */
    String[] properties() default {};

    /** Whether the service's public URL must be its real address (validators fetch its CRL, OCSP, TSA). */
    boolean reachable() default false;
}
