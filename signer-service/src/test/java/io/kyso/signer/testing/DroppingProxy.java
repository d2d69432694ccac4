package io.kyso.signer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that loses answers: the request reaches the service whole and the
 * service acts on it, but the first {@code drops} connections are cut the moment the answer starts
 * to come back, as when the network fails at the worst moment. Later connections pass through.
 */
public final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final AtomicInteger drops;
    private final AtomicInteger dropped = new AtomicInteger();
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dropping-proxy");
        t.setDaemon(true);
        return t;
    });

    private DroppingProxy(URI target, int drops) throws IOException {
        this.target = target;
        this.drops = new AtomicInteger(drops);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.submit(this::acceptLoop);
    }

    /** A proxy to {@code target} (its scheme, host and port) that cuts the first {@code drops} answers. */
    public static DroppingProxy to(URI target, int drops) throws IOException {
        return new DroppingProxy(target, drops);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many answers were cut so far. */
    public int dropped() {
        return dropped.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket service = new Socket(target.getHost(), target.getPort());
                pumps.submit(() -> copy(client, service, false));
                pumps.submit(() -> copy(service, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void copy(Socket from, Socket to, boolean answer) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            boolean first = true;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (answer && first && drops.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
                    dropped.incrementAndGet();
                    break;
                }
                first = false;
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pumps.shutdownNow();
    }
}
