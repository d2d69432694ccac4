package io.kyso.cli;

import io.kyso.verification.trust.TrustMaterial;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code --trust} and {@code --crl}: the only trust and revocation data a verification uses. */
final class TrustOptions {
    @Option(names = "--trust", paramLabel = "ANCHORS.pem",
            description = "trust anchors: a PEM file (one or more certificates) or a folder of them; repeatable")
    List<Path> anchors = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "FILE", description = "a CRL (DER or PEM) to use as revocation data; repeatable")
    List<Path> crls = new ArrayList<>();

    /** Reads the files now, so a wrong path fails before any verification. */
    Supplier<TrustMaterial> material(PrintWriter err) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path anchor : anchors) {
            certificates.addAll(Files.isDirectory(anchor)
                    ? TrustMaterial.readCertificateDirectory(anchor) : TrustMaterial.readCertificates(anchor));
        }
        List<byte[]> revocation = new ArrayList<>();
        for (Path crl : crls) {
            revocation.add(TrustMaterial.readCrl(crl));
        }
        if (certificates.isEmpty()) {
            err.println("kyso-verify: no --trust anchor given: no signature can be VALID, only INDETERMINATE at best");
        }
        TrustMaterial material = new TrustMaterial(certificates, revocation);
        return () -> material;
    }
}
