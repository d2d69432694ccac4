package io.kyso.signer.testing;

import io.kyso.cli.KysoVerify;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Runs the {@code kyso-verify} command line in this JVM, as an auditor would run it offline against
 * what the service produced: the development root as the only trust anchor, the CA's CRLs as the
 * only revocation data.
 */
public final class OfflineVerifier {

    /** What the command printed and its exit status. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }

    private OfflineVerifier() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KysoVerify.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }

    /** {@code --trust root.pem --crl issuing.crl --crl root.crl}, written from the running service into {@code dir}. */
    public static List<String> trustOf(KysoTestService kyso, Path dir) {
        try {
            Path root = Files.writeString(dir.resolve("kyso-dev-root.pem"), pem(kyso.rootCertificate()));
            Path crl = Files.write(dir.resolve("issuing-ca.crl"), kyso.crl());
            Path rootCrl = Files.write(dir.resolve("root-ca.crl"), kyso.rootCrl());
            return new ArrayList<>(List.of("--trust", root.toString(), "--crl", crl.toString(), "--crl", rootCrl.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
