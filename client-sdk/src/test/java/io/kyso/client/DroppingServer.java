package io.kyso.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw HTTP/1.1 server on loopback whose first {@code drops} connections read the whole request
 * and then close without a word, as when the network fails after the request left; later
 * connections get {@code answer}. Records the head of every request it read.
 */
final class DroppingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    DroppingServer(int drops, String answerJson) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        byte[] body = answerJson.getBytes(StandardCharsets.UTF_8);
        byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + answerJson).getBytes(StandardCharsets.UTF_8);
        acceptor = new Thread(() -> serve(drops, answer), "dropping-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    List<String> heads() {
        return List.copyOf(heads);
    }

    private void serve(int drops, byte[] answer) {
        for (int n = 0; !socket.isClosed(); n++) {
            try (Socket connection = socket.accept()) {
                heads.add(readRequest(connection.getInputStream()));
                if (n >= drops) {
                    OutputStream out = connection.getOutputStream();
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads the head and a Content-Length body; returns the head. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
