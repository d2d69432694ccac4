package io.kyso.signer;

import io.micronaut.runtime.Micronaut;

/** Starts signer-service. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .banner(false)
                .mainClass(Application.class)
                .start();
    }
}
