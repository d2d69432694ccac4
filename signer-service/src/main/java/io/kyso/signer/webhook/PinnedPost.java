package io.kyso.signer.webhook;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 POST to a callback URL over a connection to an address given by the caller, the one
 * {@link CallbackUrlPolicy} checked: the host name is never resolved here. A client that resolves
 * the name again (the JDK's HttpClient does) can be sent, by a DNS answer that changed since the
 * check, to an address the check would have refused (DNS rebinding). TLS still verifies the
 * certificate against the URL's host name, which is also sent as SNI and in {@code Host}. The answer's
 * status line is all that is read; redirects are never followed. Thread-safe.
 */
final class PinnedPost {
    private static final int MAX_STATUS_LINE = 8 * 1024;

    private final SSLSocketFactory tls;
    private final Duration timeout;

    PinnedPost(SSLSocketFactory tls, Duration timeout) {
        this.tls = tls;
        this.timeout = timeout;
    }

    /**
     * POSTs {@code body} to {@code uri} at the first of {@code addresses} that accepts a connection;
     * returns the answer's status code.
     */
    int post(URI uri, List<InetAddress> addresses, Map<String, String> headers, byte[] body) throws IOException {
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        IOException refused = new IOException("no address to connect to");
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            } catch (IOException e) {
                socket.close();
                refused = e; // the next address of the same checked answer
                continue;
            }
            try (Socket connection = https ? secure(socket, uri.getHost(), port) : socket) {
                connection.setSoTimeout((int) timeout.toMillis());
                write(connection.getOutputStream(), uri, port, https, headers, body);
                return readStatus(connection.getInputStream(), System.nanoTime() + timeout.toNanos());
            } finally {
                socket.close();
            }
        }
        throw refused;
    }

    /** TLS over the connected socket, for the URL's host: SNI, and the certificate checked against that name. */
    private Socket secure(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) { // not an IP literal
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) timeout.toMillis());
        ssl.startHandshake();
        return ssl;
    }

    private static void write(OutputStream out, URI uri, int port, boolean https, Map<String, String> headers,
                              byte[] body) throws IOException {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The status code of "HTTP/1.x nnn ..."; the rest of the answer is not read. */
    private static int readStatus(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() >= MAX_STATUS_LINE || System.nanoTime() > deadline) {
                throw new SocketTimeoutException("no status line in time");
            }
            line.write(b);
        }
        String status = line.toString(StandardCharsets.ISO_8859_1).strip();
        if (!status.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
            throw new IOException("not an HTTP/1.1 answer");
        }
        return Integer.parseInt(status.substring(9, 12));
    }
}
