package org.museumevents.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy whose link can be cut and restored: a network outage between a service and
 * a real server, without stopping the server. Connections made while the target is not yet known
 * wait for it.
 *
 * <p>Two kinds of outage: {@link #cut()} closes every connection and refuses new ones (a server
 * that is down: the client learns at once); {@link #silence()} keeps every connection open and
 * accepts new ones but carries no byte either way (a frozen host or a network partition: the client
 * learns nothing, and only its own timeouts end its waits).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;
    private volatile boolean up = true;
    private volatile boolean silent;
    private volatile boolean closed;

    public TcpProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("tcp-proxy-accept-" + server.getLocalPort(), this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void forwardTo(int port) {
        this.targetPort = port;
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        up = false;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * Stops carrying bytes without closing anything: every open connection, and every one accepted
     * until {@link #restore()}, stays open and silent for the rest of its life, as connections to a
     * server that froze or fell behind a partition do. Data sent on them is read and dropped.
     */
    public void silence() {
        silent = true;
        silenced.addAll(open);
    }

    /**
     * New connections reach the target again. Connections cut stay closed and connections silenced
     * stay silent: a client heals only by opening new ones, as after a fail-over.
     */
    public void restore() {
        silent = false;
        up = true;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                if (silent) {
                    open.add(client);
                    silenced.add(client);
                    daemon("tcp-proxy-silent", () -> pipe(client, client));
                    continue;
                }
                daemon("tcp-proxy-connect", () -> connect(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (targetPort == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            if (!up) {
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            open.add(client);
            open.add(upstream);
            if (silent) {
                silenced.add(client);
                silenced.add(upstream);
            }
            daemon("tcp-proxy-up", () -> pipe(client, upstream));
            daemon("tcp-proxy-down", () -> pipe(upstream, client));
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!silenced.contains(from) && !silenced.contains(to)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the link was cut or a side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
            silenced.remove(from);
            silenced.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
