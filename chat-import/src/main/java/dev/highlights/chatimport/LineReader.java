package dev.highlights.chatimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Reads LF- or CRLF-terminated lines as UTF-8 (malformed bytes become U+FFFD) with their line number and byte
 * offset. A line longer than the limit is skipped up to its end without being kept ({@link #overflow()}).
 */
final class LineReader extends ByteInput {

    private final int maxLineBytes;
    private byte[] spill = new byte[8 * 1024];
    private int spillLength;
    private boolean overflow;
    private boolean newlineTerminated;
    private long lineNumber;
    private long lineOffset;
    private String line;
    private boolean started;

    LineReader(InputStream in, Supplier<String> upstreamError, int maxLineBytes) {
        super(in, upstreamError);
        this.maxLineBytes = maxLineBytes;
    }

    /** The current line without its terminator; null when it overflowed. */
    String line() {
        return line;
    }

    boolean overflow() {
        return overflow;
    }

    /** False when the line is the last one and the input ended without a newline after it. */
    boolean newlineTerminated() {
        return newlineTerminated;
    }

    long lineNumber() {
        return lineNumber;
    }

    long lineOffset() {
        return lineOffset;
    }

    /** Advances to the next line; false at the end of input. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            skipBom();
        }
        if (pos >= limit && !fill()) {
            return false;
        }
        lineNumber++;
        lineOffset = position();
        overflow = false;
        // Fast path: the whole line is in the buffer.
        int nl = indexOfNewline(pos, limit);
        if (nl >= 0) {
            int len = nl - pos;
            if (len > maxLineBytes) {
                overflow = true;
                line = null;
            } else {
                line = decode(buf, pos, len);
            }
            pos = nl + 1;
            newlineTerminated = true;
            return true;
        }
        // The line continues past the buffer.
        spillLength = 0;
        append(pos, limit);
        pos = limit;
        while (true) {
            if (!fill()) {
                newlineTerminated = false;
                line = overflow ? null : decode(spill, 0, spillLength);
                return true;
            }
            nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                append(pos, nl);
                pos = nl + 1;
                newlineTerminated = true;
                line = overflow ? null : decode(spill, 0, spillLength);
                return true;
            }
            append(pos, limit);
            pos = limit;
        }
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n <= 0 || overflow) {
            return;
        }
        if (spillLength + n > maxLineBytes) {
            overflow = true;
            return;
        }
        if (spillLength + n > spill.length) {
            spill = Arrays.copyOf(spill, Math.min(maxLineBytes, Math.max(spill.length * 2, spillLength + n)));
        }
        System.arraycopy(buf, from, spill, spillLength, n);
        spillLength += n;
    }

    private static String decode(byte[] b, int from, int len) {
        if (len > 0 && b[from + len - 1] == '\r') {
            len--;
        }
        return new String(b, from, len, StandardCharsets.UTF_8);
    }
}
