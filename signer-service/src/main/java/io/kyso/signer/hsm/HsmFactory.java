package io.kyso.signer.hsm;

import io.kyso.hsm.HsmException;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyNotFoundException;
import io.kyso.hsm.PinIncorrectException;
import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.Pkcs11HsmToken;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Creates the service's HSM token. A wrong PIN stops the start (it is a configuration error that
 * will not heal); an HSM that cannot be reached does not: the service starts, reports itself down
 * on {@code /health}, and answers 503 until the token comes back.
 */
@Factory
public class HsmFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HsmFactory.class);

    @Context
    @Bean(preDestroy = "close")
    public HsmToken hsmToken(HsmConfiguration config, Secrets secrets, KysoMetrics metrics) {
        char[] pin = secrets.require(Secret.HSM_PIN).toCharArray();
        // every value is still verified, with Bouncy Castle's ECDSA: the JDK's costs 15 HSM signatures
        ResilientHsmToken token = new ResilientHsmToken(() -> Pkcs11HsmToken.open(
                new Pkcs11Config(Path.of(config.library()), config.tokenLabel(), pin), new BouncyCastleVerifier()),
                metrics.hsmSignTimer());
        try {
            token.find("kyso-startup-probe");
            if (config.citizenKeys() == HsmConfiguration.CitizenKeys.WRAPPED) {
                requireWrappingKey(token, config);
            }
        } catch (PinIncorrectException e) {
            throw new IllegalStateException(secrets.location(Secret.HSM_PIN) + ": the token '" + config.tokenLabel()
                    + "' refused the PIN", e);
        } catch (TokenUnavailableException e) {
            LOG.error("HSM unavailable at start-up ({}); the service starts and answers 503 until it is back",
                    e.getMessage());
        }
        return token;
    }

    private static void requireWrappingKey(HsmToken token, HsmConfiguration config) {
        try {
            token.requireWrappingKey(config.wrappingKey(), config.createWrappingKey());
        } catch (KeyNotFoundException e) {
            throw new IllegalStateException("kyso.hsm.wrapping-key: the token '" + config.tokenLabel()
                    + "' has no AES key labelled '" + config.wrappingKey() + "' to wrap citizens' keys under; the HSM"
                    + " administrators provision it (docs/operations.md, \"Citizens' keys\"), or set"
                    + " kyso.hsm.create-wrapping-key=true to let Kyso create it", e);
        } catch (TokenUnavailableException e) {
            throw e;
        } catch (HsmException e) {
            throw new IllegalStateException("kyso.hsm.wrapping-key: " + e.getMessage(), e);
        }
    }
}
