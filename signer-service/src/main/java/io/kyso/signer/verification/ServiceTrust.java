package io.kyso.signer.verification;

import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.verification.trust.TrustMaterial;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The trust anchors and revocation data of the service's verifications: the configured folder of
 * anchors (read once, at start-up: a broken folder stops the start with the property's name), this
 * service's own CA if trusted, and at each verification its current CRLs and the configured CRL folder.
 */
@Context
public class ServiceTrust implements java.util.function.Supplier<TrustMaterial> {
    private final VerificationConfiguration config;
    private final BeanProvider<CertificateAuthority> ca;
    private final boolean trustCa;
    private final List<X509Certificate> configuredAnchors;

    /** Takes the CA lazily: it lives in the HSM, which start-up checks may not have reached yet. */
    public ServiceTrust(VerificationConfiguration config, BeanProvider<CertificateAuthority> ca) {
        this.config = config;
        this.ca = ca;
        this.trustCa = config.trustServiceCa() && ca.isPresent();
        this.configuredAnchors = configuredAnchors(config);
        if (configuredAnchors.isEmpty() && !trustCa) {
            throw new ConfigurationException("kyso.verification.trust-anchors: no trust anchor is configured, so no"
                    + " signature could ever be valid");
        }
    }

    @Override
    public TrustMaterial get() {
        List<X509Certificate> anchors = new ArrayList<>(configuredAnchors);
        List<byte[]> crls = new ArrayList<>(configuredCrls());
        if (trustCa) {
            CertificateAuthority authority = ca.get();
            List<X509Certificate> chain = authority.caChain();
            anchors.add(chain.get(chain.size() - 1));
            crls.add(authority.crl());
            authority.rootCrl().ifPresent(crls::add);
        }
        return new TrustMaterial(anchors, crls);
    }

    private static List<X509Certificate> configuredAnchors(VerificationConfiguration config) {
        if (config.trustAnchors() == null) {
            return List.of();
        }
        try {
            return TrustMaterial.readCertificateDirectory(Path.of(config.trustAnchors()));
        } catch (IOException e) {
            throw new ConfigurationException("kyso.verification.trust-anchors: " + e.getMessage(), e);
        }
    }

    private List<byte[]> configuredCrls() {
        if (config.crls() == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(config.crls()))) {
            List<byte[]> crls = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".crl"))
                    .sorted().toList()) {
                crls.add(TrustMaterial.readCrl(file));
            }
            return crls;
        } catch (IOException e) {
            throw new UncheckedIOException("kyso.verification.crls: " + e.getMessage(), e);
        }
    }
}
