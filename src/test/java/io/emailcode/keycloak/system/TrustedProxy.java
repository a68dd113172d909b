package io.emailcode.keycloak.system;

import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback relay that reaches the tests' Keycloak from the one address it trusts proxy headers from
 * ({@link LocalStack#TRUSTED_PROXY}): requests through it may say which client they carry ({@code X-Forwarded-For}),
 * as a reverse proxy's do; every other request of the tests comes from 127.0.0.1, whose headers Keycloak ignores.
 * It relays bytes only and changes nothing.
 */
final class TrustedProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress keycloak;
    private final ExecutorService pumps = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "trusted-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private TrustedProxy(ServerSocket server, InetSocketAddress keycloak) {
        this.server = server;
        this.keycloak = keycloak;
    }

    static TrustedProxy start(URI keycloak) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TrustedProxy proxy = new TrustedProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), keycloak.getPort()));
            proxy.pumps.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a browser reaches Keycloak through the relay. */
    URI uri() {
        return URI.create("http://localhost:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.bind(new InetSocketAddress(InetAddress.getByName(LocalStack.TRUSTED_PROXY), 0));
                upstream.connect(keycloak, 5_000);
                pumps.execute(() -> pump(client, upstream));
                pumps.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.out.println("TrustedProxy: a connection failed: " + e.getMessage());
                }
            }
        }
    }

    /** Copies one direction until it ends, then closes both sockets (which ends the other direction too). */
    private static void pump(Socket from, Socket to) {
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The other direction closed the sockets: the connection is over.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pumps.shutdownNow();
        }
    }
}
