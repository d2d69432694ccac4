package io.kyso.signer.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A portal's callback endpoint on loopback, at the socket level: counts every connection made to it
 * (even one that never becomes a request), answers each request with 200, and, with TLS, presents a
 * certificate for a host name of the test's choosing and records the SNI name the client sent.
 */
public final class CallbackEndpoint implements AutoCloseable {
    private final ServerSocket server;
    private final KeyStore keyStore;
    private final SSLContext tls;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private CallbackEndpoint(String dnsName) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.keyStore = dnsName == null ? null : certificateFor(dnsName);
        this.tls = dnsName == null ? null : serverContext(keyStore);
        this.acceptor = new Thread(this::serve, "callback-endpoint");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Plain HTTP. */
    public static CallbackEndpoint plain() throws IOException {
        return new CallbackEndpoint((String) null);
    }

    /** HTTPS with a self-signed certificate for {@code dnsName}; {@link #clientTrust()} trusts it. */
    public static CallbackEndpoint https(String dnsName) throws IOException {
        return new CallbackEndpoint(dnsName);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections reached this endpoint. */
    public int connections() {
        return connections.get();
    }

    /** The request lines received ("POST /path HTTP/1.1") with their Host header. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The SNI host names clients sent. */
    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    /** A client socket factory that trusts this endpoint's certificate (and nothing else). */
    public SSLSocketFactory clientTrust() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("endpoint", keyStore.getCertificate("endpoint"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), new SecureRandom());
            return client.getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                connections.incrementAndGet();
                accepted.setSoTimeout(5_000);
                Socket socket = accepted;
                if (tls != null) {
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(accepted, null, accepted.getPort(), false);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    for (SNIServerName name : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
                        if (name instanceof SNIHostName host) {
                            serverNames.add(host.getAsciiName());
                        }
                    }
                    socket = ssl;
                }
                String head = readHead(socket.getInputStream());
                String[] lines = head.split("\r\n");
                String host = List.of(lines).stream().filter(l -> l.toLowerCase().startsWith("host:"))
                        .map(l -> l.substring(5).strip()).findFirst().orElse("");
                requests.add(lines[0] + " Host=" + host);
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // a client that gave up (or failed the handshake): counted, nothing more
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A self-signed certificate for {@code dnsName} (subject alternative name) and its key. */
    private static KeyStore certificateFor(String dnsName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + dnsName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, key.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("endpoint", key.getPrivate(), new char[0], new Certificate[] {certificate});
            return keyStore;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the endpoint's certificate", e);
        }
    }

    private static SSLContext serverContext(KeyStore keyStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }
}
