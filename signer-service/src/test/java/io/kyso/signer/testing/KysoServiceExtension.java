package io.kyso.signer.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts and stops the service a {@link KysoService} test class asks for. */
public final class KysoServiceExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        Class<?> test = context.getRequiredTestClass();
        KysoService settings = test.getAnnotation(KysoService.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String property : settings.properties()) {
            int eq = property.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("@KysoService property '" + property + "' is not name=value");
            }
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        KysoTestService kyso = settings.reachable()
                ? KysoTestService.startReachable(properties) : KysoTestService.start(properties);
        field(test).set(null, kyso);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        Field field = field(context.getRequiredTestClass());
        KysoTestService kyso = (KysoTestService) field.get(null);
        if (kyso != null) {
            kyso.close();
            field.set(null, null);
        }
    }

    private static Field field(Class<?> test) {
        Field field = Arrays.stream(test.getDeclaredFields())
                .filter(f -> f.getType() == KysoTestService.class && Modifier.isStatic(f.getModifiers()))
                .findFirst().orElseThrow(() -> new IllegalStateException(test.getName()
                        + " is a @KysoService test without a static KysoTestService field"));
        field.setAccessible(true);
        return field;
    }
}
