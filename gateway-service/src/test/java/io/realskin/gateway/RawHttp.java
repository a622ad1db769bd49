package io.realskin.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP/1.1 on a plain socket, for what a client library hides: a request's head sent without its body, early answers. */
final class RawHttp {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private RawHttp() {
    }

    /** Opens a connection and sends a request's line and headers (each "Name: value"), nothing after them. */
    static Socket sendHead(URL base, String requestLine, String... headers) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(60_000);
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: ").append(base.getHost()).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** One response, head and body (by its Content-Length, else to the end of the stream). */
    static String readOneResponse(InputStream in) throws IOException {
        String headText = readHead(in);
        Matcher length = CONTENT_LENGTH.matcher(headText);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return headText + new String(body, StandardCharsets.UTF_8);
    }

    /** A response's head up to its blank line (an interim one, such as 100 Continue, has nothing after it). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
