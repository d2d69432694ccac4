package io.kyso.verification.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a verification trusts: the trust anchors (a signature is VALID only if its certificate
 * chains to one of them) and the revocation data (DER CRLs) it may use. Nothing is fetched from the
 * network: what is not given here is not known.
 */
public record TrustMaterial(List<X509Certificate> anchors, List<byte[]> crls) {

    public TrustMaterial {
        anchors = List.copyOf(anchors);
        crls = crls.stream().map(byte[]::clone).toList();
    }

    /** The same anchors with {@code more} CRLs. */
    public TrustMaterial withCrls(List<byte[]> more) {
        List<byte[]> all = new ArrayList<>(crls);
        all.addAll(more);
        return new TrustMaterial(anchors, all);
    }

    /** Every certificate in a PEM (one or more) or DER file. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM or DER certificate file", e);
        }
    }

    /** Every certificate of every {@code .pem}, {@code .crt} or {@code .cer} file in {@code directory}. */
    public static List<X509Certificate> readCertificateDirectory(Path directory) throws IOException {
        List<X509Certificate> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(TrustMaterial::isCertificateFile).sorted().toList()) {
                all.addAll(readCertificates(file));
            }
        }
        if (all.isEmpty()) {
            throw new IOException(directory + " holds no .pem, .crt or .cer certificate");
        }
        return all;
    }

    /** A CRL file, PEM or DER, as DER; refuses anything that is not a CRL. */
    public static byte[] readCrl(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            if (crl == null) {
                throw new IOException(file + " holds no CRL");
            }
            return crl.getEncoded();
        } catch (CertificateException | CRLException e) {
            throw new IOException(file + " is not a PEM or DER CRL", e);
        }
    }

    /** Parses a DER certificate. */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a DER certificate", e);
        }
    }

    private static boolean isCertificateFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer"));
    }
}
