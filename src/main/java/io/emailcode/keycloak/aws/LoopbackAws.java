package io.emailcode.keycloak.aws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An HTTP/1.1 endpoint on 127.0.0.1 (a free port) that answers every AWS call with a canned answer chosen by its
 * operation, for a {@link Rehearsal}: it reads each request whole, so the SDK and its HTTP client do all they do for
 * AWS, and sends nothing anywhere. Each answer leaves in one write with {@code TCP_NODELAY} (a head and a body
 * written apart would wait for the client's delayed acknowledgement, some 40 ms a call). Lives for the seconds of one
 * rehearsal; request bodies must come with a {@code Content-Length}, as the SDK sends them.
 */
final class LoopbackAws implements AutoCloseable {

    private static final int MAX_LINE = 16 * 1024;
    private static final int READ_TIMEOUT_MS = 5_000;

    private final ServerSocket server;

    private LoopbackAws(ServerSocket server) {
        this.server = server;
    }

    /** @param answers the answer to each operation, by its API name ({@code UpdateItem}) or its method and path */
    static LoopbackAws start(Function<String, Rehearsal.Answer> answers) throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        daemon("email-code-rehearsal-loopback", () -> accept(server, answers));
        return new LoopbackAws(server);
    }

    URI uri() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    private static void accept(ServerSocket server, Function<String, Rehearsal.Answer> answers) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                daemon("email-code-rehearsal-connection", () -> serve(connection, answers));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket connection, Function<String, Rehearsal.Answer> answers) {
        try (Socket socket = connection) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (answerOne(in, out, answers)) {
                // Keep-alive: the SDK's connection pool sends the next call on the same connection.
            }
        } catch (IOException | RuntimeException e) {
            // The client closed the connection, or sent what a rehearsal does not expect: the call fails in the SDK.
        }
    }

    /** Reads one request and answers it; false once the client closed the connection. */
    static boolean answerOne(InputStream in, OutputStream out, Function<String, Rehearsal.Answer> answers) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return false;
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("a chunked request body");
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        Rehearsal.Answer answer = answers.apply(operation(requestLine, headers.get("x-amz-target")));
        byte[] content = answer.body().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream(content.length + 160);
        response.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: " + answer.contentType() + "\r\nContent-Length: "
                + content.length + "\r\nx-amzn-RequestId: rehearsal\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        response.writeBytes(content);
        response.writeTo(out);
        out.flush();
        return true;
    }

    /**
     * JSON protocols name the operation in a header ({@code DynamoDB_20120810.UpdateItem}); REST protocols by method
     * and path ({@code POST /v2/email/outbound-emails}), which is what this returns for them.
     */
    static String operation(String requestLine, String target) {
        if (target != null) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        String[] parts = requestLine.split(" ");
        return parts.length < 2 ? "" : parts[0] + " " + parts[1];
    }

    /** A line of the head without its CRLF, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > MAX_LINE) {
                throw new IOException("a header line longer than " + MAX_LINE);
            }
        }
        return line.toString();
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing was listening any more.
        }
    }
}
