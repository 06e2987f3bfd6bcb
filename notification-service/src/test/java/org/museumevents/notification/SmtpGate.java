package org.museumevents.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real SMTP conversation in front of GreenMail, which accepts every recipient: the gate relays
 * each command and reply line by line, except for the recipients told to {@link #refuse}, whom it
 * answers itself with the given reply (e.g. {@code 550 5.1.1 No such user}) to {@code RCPT TO} or,
 * for {@link Stage#DATA}, to the end of the message. What it lets through reaches GreenMail as sent.
 * Bytes pass unchanged (ISO-8859-1 both ways), so 8-bit addresses arrive as the client wrote them.
 */
final class SmtpGate implements AutoCloseable {

    enum Stage {
        RCPT,
        DATA
    }

    private record Refusal(Stage stage, String reply) {}

    private final ServerSocket server;
    private final int target;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    SmtpGate(int target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::accept, "smtp-gate-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on, answers {@code reply} to {@code address} at {@code stage} instead of the server. */
    void refuse(String address, Stage stage, String reply) {
        refusals.put(address.toLowerCase(Locale.ROOT), new Refusal(stage, reply));
    }

    /** Lets {@code address} through again. */
    void admit(String address) {
        refusals.remove(address.toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread conversation = new Thread(() -> converse(client), "smtp-gate-conversation");
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
            BufferedReader fromClient =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream toClient = client.getOutputStream();
            BufferedReader fromServer =
                    new BufferedReader(new InputStreamReader(upstream.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream toServer = upstream.getOutputStream();
            relayReply(fromServer, toClient);
            String dataRefusal = null;
            String line;
            while ((line = fromClient.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("RCPT TO:")) {
                    Refusal refusal = refusals.get(address(line));
                    if (refusal != null && refusal.stage() == Stage.RCPT) {
                        write(toClient, refusal.reply());
                        continue;
                    }
                    if (refusal != null) {
                        dataRefusal = refusal.reply();
                    }
                }
                if (command.equals("DATA") && dataRefusal != null) {
                    // The message never reaches the server: it is reset there, refused here.
                    write(toServer, "RSET");
                    readReply(fromServer);
                    write(toClient, "354 End data with <CR><LF>.<CR><LF>");
                    while ((line = fromClient.readLine()) != null && !line.equals(".")) {
                        // swallowed
                    }
                    write(toClient, dataRefusal);
                    dataRefusal = null;
                    continue;
                }
                write(toServer, line);
                String reply = relayReply(fromServer, toClient);
                if (command.equals("DATA") && reply.startsWith("354")) {
                    while ((line = fromClient.readLine()) != null) {
                        write(toServer, line);
                        if (line.equals(".")) {
                            break;
                        }
                    }
                    relayReply(fromServer, toClient);
                } else if (command.equals("QUIT")) {
                    return;
                } else if (command.equals("RSET")) {
                    dataRefusal = null;
                }
            }
        } catch (IOException e) {
            // the client or the server hung up
        }
    }

    private static String address(String rcpt) {
        int open = rcpt.indexOf('<');
        int close = rcpt.indexOf('>', open + 1);
        String address = open >= 0 && close > open
                ? rcpt.substring(open + 1, close)
                : rcpt.substring(8).strip();
        return new String(address.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT);
    }

    /** Relays one reply, multi-line or not; returns its last line. */
    private static String relayReply(BufferedReader fromServer, OutputStream toClient) throws IOException {
        String line;
        do {
            line = fromServer.readLine();
            if (line == null) {
                throw new IOException("server hung up");
            }
            write(toClient, line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static void readReply(BufferedReader fromServer) throws IOException {
        String line;
        do {
            line = fromServer.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
