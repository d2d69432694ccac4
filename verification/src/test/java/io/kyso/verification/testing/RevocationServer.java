package io.kyso.verification.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * The test PKI's revocation services over real HTTP, on the loopback interface only: an OCSP responder
 * ({@code POST /ocsp}, answers signed by the certificate's issuer), the CRLs ({@code GET /root.crl},
 * {@code /issuing.crl}) and the issuing CA's certificate ({@code GET /issuing.crt}, for AIA). Every
 * request is recorded, so a test can tell whether anything was fetched.
 */
public final class RevocationServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final TestPki pki;

    private RevocationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pki = new TestPki(base());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the server and makes a PKI whose certificates name it. */
    public static RevocationServer start() {
        try {
            return new RevocationServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the revocation server", e);
        }
    }

    public TestPki pki() {
        return pki;
    }

    /** E.g. {@code http://127.0.0.1:41234}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, as "METHOD /path", in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            byte[] body;
            String type;
            switch (path) {
                case "/ocsp" -> {
                    body = ocsp(exchange.getRequestBody());
                    type = "application/ocsp-response";
                }
                case "/root.crl" -> {
                    body = encoded(() -> pki.crl(pki.root()).getEncoded());
                    type = "application/pkix-crl";
                }
                case "/issuing.crl" -> {
                    body = encoded(() -> pki.crl(pki.issuing()).getEncoded());
                    type = "application/pkix-crl";
                }
                case "/issuing.crt" -> {
                    body = encoded(() -> pki.issuing().certificate().getEncoded());
                    type = "application/pkix-cert";
                }
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private interface Encoding {
        byte[] get() throws Exception;
    }

    private static byte[] encoded(Encoding encoding) throws IOException {
        try {
            return encoding.get();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** One answer per certificate asked about (good), signed by its issuer (the CA responds for itself). */
    private byte[] ocsp(InputStream body) throws IOException {
        try {
            OCSPReq request = new OCSPReq(body.readAllBytes());
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            TestPki.Entity issuer = null;
            BasicOCSPRespBuilder response = null;
            Instant now = Instant.now();
            for (Req one : request.getRequestList()) {
                CertificateID id = one.getCertID();
                TestPki.Entity candidate = id.matchesIssuer(holder(pki.issuing()), digests) ? pki.issuing() : pki.root();
                if (issuer == null) {
                    issuer = candidate;
                    response = new BasicOCSPRespBuilder(new RespID(holder(issuer).getSubject()));
                }
                response.addResponse(id, CertificateStatus.GOOD, Date.from(now), Date.from(now.plus(Duration.ofDays(1))));
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                response.setResponseExtensions(new Extensions(nonce));
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, response.build(TestPki.signer(issuer.key()),
                    new X509CertificateHolder[] {holder(issuer)}, Date.from(now))).getEncoded();
        } catch (Exception e) {
            throw new IOException("cannot answer the OCSP request", e);
        }
    }

    private static X509CertificateHolder holder(TestPki.Entity entity) throws Exception {
        return new JcaX509CertificateHolder(entity.certificate());
    }
}
