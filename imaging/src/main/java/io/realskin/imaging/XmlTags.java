package io.realskin.imaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The tags of a small XML document in bytes (an XMP packet, UTF-8), with where each tag and each attribute is, for a
 * caller that cuts some of them out and keeps every other byte. Not a parser that builds or resolves anything: no DTD is
 * read (a document with a DOCTYPE or any other declaration is refused, so no entity, external or internal, can stand
 * in the text), processing instructions, comments and CDATA are passed over, and an attribute's value is decoded with
 * the five predefined entities and character references alone. Anything else that is not well-formed (a tag not
 * closed, an end tag that does not match, a NUL byte, as a UTF-16 packet has) throws {@link IllegalArgumentException}.
 */
final class XmlTags {
    /** An attribute: its name as written, its decoded value, its bytes [from, to) with the white space before it. */
    record Attribute(String name, String value, int from, int to) {
    }

    interface Handler {
        /** A start tag [from, to); {@code empty} for one that closes itself ({@code <a/>}). */
        void start(String name, List<Attribute> attributes, int from, int to, boolean empty);

        /** The end tag [from, to) of the element last started and not yet ended. */
        void end(int from, int to);
    }

    private final byte[] b;
    private final int end;
    private int pos;

    private XmlTags(byte[] b, int from, int to) {
        this.b = b;
        this.pos = from;
        this.end = to;
    }

    /** Every tag in b[from, to), in order; the document's elements must all be closed by {@code to}. */
    static void scan(byte[] b, int from, int to, Handler handler) {
        new XmlTags(b, from, to).scan(handler);
    }

    private void scan(Handler handler) {
        Deque<String> open = new ArrayDeque<>();
        for (int i = pos; i < end; i++) {
            if (b[i] == 0) throw new IllegalArgumentException("NUL byte at " + i);
        }
        while (pos < end) {
            if (b[pos] != '<') {
                pos++;
            } else if (at("<?")) {
                pos = after("?>");
            } else if (at("<!--")) {
                pos = after("-->");
            } else if (at("<![CDATA[")) {
                pos = after("]]>");
            } else if (at("<!")) {
                throw new IllegalArgumentException("a declaration (DOCTYPE, ENTITY) at " + pos);
            } else if (at("</")) {
                int from = pos;
                pos += 2;
                String name = name();
                space();
                expect('>');
                if (open.isEmpty() || !open.pop().equals(name)) throw new IllegalArgumentException("end tag " + name + " unmatched");
                handler.end(from, pos);
            } else {
                int from = pos++;
                String name = name();
                List<Attribute> attributes = new ArrayList<>();
                while (true) {
                    int before = pos;
                    space();
                    if (at("/>") || at(">")) break;
                    if (pos == before) throw new IllegalArgumentException("no space before an attribute at " + pos);
                    String attribute = name();
                    space();
                    expect('=');
                    space();
                    attributes.add(new Attribute(attribute, value(), before, pos));
                }
                boolean empty = at("/>");
                pos += empty ? 2 : 1;
                if (!empty) open.push(name);
                handler.start(name, attributes, from, pos, empty);
            }
        }
        if (!open.isEmpty()) throw new IllegalArgumentException("element " + open.peek() + " not closed");
    }

    private boolean at(String s) {
        if (pos + s.length() > end) return false;
        for (int i = 0; i < s.length(); i++) if (b[pos + i] != s.charAt(i)) return false;
        return true;
    }

    private int after(String s) {
        for (; pos < end; pos++) if (at(s)) return pos + s.length();
        throw new IllegalArgumentException("no " + s + " before the end");
    }

    private void expect(char c) {
        if (pos >= end || b[pos] != c) throw new IllegalArgumentException("'" + c + "' expected at " + pos);
        pos++;
    }

    private void space() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) pos++;
    }

    /** A name: up to white space or one of {@code / > = < " '}; its UTF-8 bytes as ISO-8859-1 characters. */
    private String name() {
        int from = pos;
        while (pos < end && " \t\n\r/>=<\"'".indexOf(b[pos]) < 0) pos++;
        if (pos == from) throw new IllegalArgumentException("name expected at " + from);
        return Bytes.ascii(b, from, pos - from);
    }

    /** A quoted value, decoded; a '<' or an undefined entity in it is not XML. */
    private String value() {
        if (pos >= end || (b[pos] != '"' && b[pos] != '\'')) throw new IllegalArgumentException("quote expected at " + pos);
        byte quote = b[pos++];
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= end || b[pos] == '<') throw new IllegalArgumentException("attribute value not closed");
            byte c = b[pos++];
            if (c == quote) return value.toString();
            if (c != '&') {
                value.append((char) (c & 0xFF));
                continue;
            }
            int semicolon = pos;
            while (semicolon < end && semicolon - pos < 10 && b[semicolon] != ';') semicolon++;
            String entity = Bytes.ascii(b, pos, semicolon - pos);
            pos = semicolon + 1;
            value.append(switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> Character.toString(characterReference(entity));
            });
        }
    }

    private static int characterReference(String entity) {
        try {
            if (entity.startsWith("#x")) return Integer.parseInt(entity.substring(2), 16);
            if (entity.startsWith("#")) return Integer.parseInt(entity.substring(1));
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("entity &" + entity + "; is not defined");
    }
}
