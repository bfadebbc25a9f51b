package dev.highlights.chatimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Finds the entries of a large JSON array without parsing them: a byte scanner that knows strings, escapes and
 * nesting, and cuts the array into one byte range per entry. Each entry is then parsed on its own with Jackson's
 * streaming parser, so a broken entry costs that entry only (a streaming parser cannot resume after a syntax
 * error), and memory stays at one entry (bounded by {@code maxEntryBytes}) plus a 64 KiB read buffer, whatever the
 * file size.
 *
 * <p>Positions: {@link #entryOffset()} is the absolute byte offset of the entry in the decompressed input and
 * {@link #entryLine()} its 1-based line.
 */
final class JsonFramer extends ByteInput {

    /** {@link #nextEntry()}: an entry is ready in {@link #entry()}. */
    static final int ENTRY = 1;
    /** {@link #nextEntry()}: the array closed. */
    static final int END = 2;
    /** {@link #nextEntry()}: the input ended before the array closed (truncated file). */
    static final int EOF = 3;

    private final int maxEntryBytes;
    private long line = 1;

    private byte[] entry = new byte[16 * 1024];
    private int entryLength;
    private boolean entryOverflow;
    private long entryOffset;
    private long entryLine;

    /** Set when {@link #enterField} or {@link #enterTopLevelArray} return false. */
    private String problem;
    private boolean problemIsTruncation;

    JsonFramer(InputStream in, Supplier<String> upstreamError, int maxEntryBytes) {
        super(in, upstreamError);
        this.maxEntryBytes = maxEntryBytes;
    }

    byte[] entry() {
        return entry;
    }

    int entryLength() {
        return entryLength;
    }

    /** The entry was larger than maxEntryBytes: it was skipped and {@link #entry()} holds only its start. */
    boolean entryOverflow() {
        return entryOverflow;
    }

    long entryOffset() {
        return entryOffset;
    }

    long entryLine() {
        return entryLine;
    }

    long line() {
        return line;
    }

    String problem() {
        return problem;
    }

    boolean problemIsTruncation() {
        return problemIsTruncation;
    }

    /** Next significant byte without consuming it, or -1 at the end of input. Counts lines. */
    private int skipWhitespace() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return -1;
            }
            byte b = buf[pos];
            if (b == '\n') {
                line++;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return b & 0xff;
            }
            pos++;
        }
    }

    /** Positions the framer inside the top-level array. False (with {@link #problem()}) when the input is not one. */
    boolean enterTopLevelArray() throws IOException {
        return enterTopLevel('[', "array");
    }

    /** Steps into the top-level value, which must open with {@code open}; false (with {@link #problem()}) if not. */
    private boolean enterTopLevel(char open, String kind) throws IOException {
        skipBom();
        int b = skipWhitespace();
        if (b < 0) {
            return problem("the input is empty", false);
        }
        if (b != open) {
            return problem("expected a JSON " + kind + ", found '" + (char) b + "'", false);
        }
        pos++;
        return true;
    }

    /**
     * Walks the top-level object to the array value of {@code fieldName} (a field of the top-level object itself,
     * not of a nested one) and positions the framer inside it; other fields are skipped without being kept.
     * False, with {@link #problem()}, when the input is not an object, has no such array, or ends early.
     */
    boolean enterField(String fieldName) throws IOException {
        byte[] wanted = ('"' + fieldName + '"').getBytes(StandardCharsets.UTF_8);
        if (!enterTopLevel('{', "object")) {
            return false;
        }
        while (true) {
            int b = skipWhitespace();
            if (b < 0) {
                return problem("input ended inside the top-level object before a '" + fieldName + "' array", true);
            }
            if (b == '}') {
                return problem("the top-level object has no '" + fieldName + "' array", false);
            }
            if (b == ',') {
                pos++;
                continue;
            }
            long keyAt = position();
            if (b != '"') {
                return problem("expected a field name at byte " + keyAt + ", found '" + (char) b + "'", false);
            }
            if (!scanValue(true)) {
                return problem("input ended inside a field name of the top-level object", true);
            }
            boolean match = !entryOverflow && entryLength == wanted.length
                    && Arrays.equals(entry, 0, entryLength, wanted, 0, wanted.length);
            b = skipWhitespace();
            if (b != ':') {
                return b < 0 ? problem("input ended after a field name of the top-level object", true)
                        : problem("expected ':' after the field name at byte " + keyAt, false);
            }
            pos++;
            b = skipWhitespace();
            if (b < 0) {
                return problem("input ended before the value of a top-level field", true);
            }
            if (match) {
                if (b == '[') {
                    pos++;
                    return true;
                }
                return problem("'" + fieldName + "' is not an array", false);
            }
            if (!scanValue(false)) {
                return problem("input ended inside a top-level field (before any '" + fieldName + "' array)", true);
            }
        }
    }

    private boolean problem(String message, boolean truncation) {
        problem = message;
        problemIsTruncation = truncation;
        return false;
    }

    /**
     * Cuts the next entry of the current array into {@link #entry()}. Separating commas are skipped (leniently: a
     * missing or doubled comma does not lose entries).
     *
     * @return {@link #ENTRY}, {@link #END} or {@link #EOF}; on EOF inside an entry, {@link #entryOffset()} and
     *         {@link #entryLine()} tell where the cut-off entry began
     */
    int nextEntry() throws IOException {
        while (true) {
            int b = skipWhitespace();
            if (b < 0) {
                entryOffset = position();
                entryLine = line;
                entryLength = 0;
                return EOF;
            }
            if (b == ']') {
                pos++;
                return END;
            }
            if (b == ',') {
                pos++;
                continue;
            }
            entryOffset = position();
            entryLine = line;
            return scanValue(true) ? ENTRY : EOF;
        }
    }

    /**
     * Scans one JSON value starting at the current significant byte, copying it into {@link #entry()} when
     * {@code capture}. An object or array ends at its matching bracket, a string at its closing quote, anything
     * else (number, literal, garbage) at the next comma, bracket or blank; at least one byte is always consumed.
     * False when the input ended first.
     */
    private boolean scanValue(boolean capture) throws IOException {
        entryLength = 0;
        entryOverflow = false;
        int segment = pos;
        byte first = buf[pos];
        boolean scalar = first != '{' && first != '[' && first != '"';
        int depth = 0;
        boolean inString = false;
        if (scalar) {
            pos++;
        }
        while (true) {
            if (pos >= limit) {
                if (!refill(capture, segment)) {
                    return false;
                }
                segment = 0;
            }
            if (inString) {
                // Fast path through string content.
                byte[] b = buf;
                int p = pos;
                int l = limit;
                while (p < l) {
                    byte c = b[p];
                    if (c == '"' || c == '\\' || c == '\n') {
                        break;
                    }
                    p++;
                }
                pos = p;
                if (p == l) {
                    continue;
                }
                byte c = b[p];
                if (c == '\\') {
                    // Skip the escape and the escaped byte (which may lie in the next chunk).
                    pos++;
                    if (pos >= limit) {
                        if (!refill(capture, segment)) {
                            return false;
                        }
                        segment = 0;
                    }
                    if (buf[pos] == '\n') {
                        line++;
                    }
                    pos++;
                    continue;
                }
                pos++;
                if (c == '\n') {
                    line++; // invalid inside a JSON string, but keep the line count right; Jackson will complain
                    continue;
                }
                inString = false; // closing quote
                if (depth == 0) {
                    break; // a top-level string value
                }
                continue;
            }
            byte c = buf[pos];
            if (scalar) {
                if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    break;
                }
                pos++;
                continue;
            }
            pos++;
            switch (c) {
                case '"':
                    inString = true;
                    break;
                case '{':
                case '[':
                    depth++;
                    break;
                case '}':
                case ']':
                    depth--;
                    break;
                case '\n':
                    line++;
                    break;
                default:
                    break;
            }
            if (depth == 0 && !inString) {
                break;
            }
        }
        if (capture) {
            append(segment, pos);
        }
        return true;
    }

    /** The buffer is used up: keeps its captured part {@code [segment, pos)} and refills; false at the input's end. */
    private boolean refill(boolean capture, int segment) throws IOException {
        if (capture) {
            append(segment, pos);
        }
        return fill();
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n <= 0 || entryOverflow) {
            return;
        }
        if (entryLength + n > maxEntryBytes) {
            entryOverflow = true;
            return;
        }
        if (entryLength + n > entry.length) {
            entry = Arrays.copyOf(entry, Math.min(maxEntryBytes, Math.max(entry.length * 2, entryLength + n)));
        }
        System.arraycopy(buf, from, entry, entryLength, n);
        entryLength += n;
    }
}
