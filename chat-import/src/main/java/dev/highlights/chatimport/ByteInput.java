package dev.highlights.chatimport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import java.util.zip.ZipException;

/**
 * A fixed read buffer over the (decompressed) input with the absolute byte position, shared by the JSON framer and
 * the IRC line reader. A gzip stream that breaks off or is corrupt reads as the end of input with
 * {@link #inputError()} set (from {@link BrokenOffTolerantStream} upstream, or caught here), so the import keeps
 * what it has; other I/O errors propagate.
 */
abstract class ByteInput {

    static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final Supplier<String> upstreamError;
    final byte[] buf = new byte[BUFFER_SIZE];
    int pos;
    int limit;
    /** Absolute position of buf[0]. */
    private long base;
    private boolean eof;
    private String inputError;

    ByteInput(InputStream in, Supplier<String> upstreamError) {
        this.in = in;
        this.upstreamError = upstreamError;
    }

    /**
     * Discards the buffer (the caller has consumed or copied everything up to {@link #limit}) and reads the next
     * chunk. False at the end of input.
     */
    final boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        base += limit;
        pos = 0;
        limit = 0;
        while (true) {
            int n;
            try {
                n = in.read(buf, 0, buf.length);
            } catch (EOFException | ZipException e) {
                eof = true;
                inputError = "compressed input broken off or corrupt: " + e.getMessage();
                return false;
            }
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n > 0) {
                limit = n;
                return true;
            }
        }
    }

    /** Absolute position of {@code buf[pos]}. */
    final long position() {
        return base + pos;
    }

    /** Why the input ended before its natural end, or null. */
    final String inputError() {
        return inputError != null ? inputError : upstreamError.get();
    }

    /** Skips a UTF-8 byte order mark at the very start. */
    final void skipBom() throws IOException {
        if (pos >= limit && !fill()) {
            return;
        }
        if (limit - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB
                && (buf[pos + 2] & 0xff) == 0xBF) {
            pos += 3;
        }
    }
}
