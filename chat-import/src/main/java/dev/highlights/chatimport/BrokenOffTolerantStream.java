package dev.highlights.chatimport;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Wraps a {@link java.util.zip.GZIPInputStream} so that a stream which breaks off ({@link EOFException}) or turns
 * corrupt ({@link ZipException}) reads as a normal end of input, with the reason kept in {@link #error()}.
 *
 * <p>Why: {@code GZIPInputStream.read} returns inflated bytes as soon as it has any and throws only on a call that
 * could produce none, so no data is lost here; but a {@link java.io.BufferedInputStream} on top loops over several
 * reads per call and would drop the bytes it had already gathered in that call when the exception came. With this
 * wrapper in between, everything that could be inflated reaches the parser, and the parser reports the truncation
 * where the data ends.
 */
final class BrokenOffTolerantStream extends FilterInputStream {

    private String error;

    BrokenOffTolerantStream(InputStream in) {
        super(in);
    }

    /** Why the stream ended early, or null. */
    String error() {
        return error;
    }

    @Override
    public int read() throws IOException {
        if (error != null) {
            return -1;
        }
        try {
            return in.read();
        } catch (EOFException | ZipException e) {
            return brokenOff(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (error != null) {
            return -1;
        }
        try {
            return in.read(b, off, len);
        } catch (EOFException | ZipException e) {
            return brokenOff(e);
        }
    }

    @Override
    public int available() throws IOException {
        return error != null ? 0 : in.available();
    }

    @Override
    public long skip(long n) throws IOException {
        if (error != null) {
            return 0;
        }
        try {
            return in.skip(n);
        } catch (EOFException | ZipException e) {
            brokenOff(e);
            return 0;
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private int brokenOff(IOException e) {
        error = "compressed input broken off or corrupt: " + e.getMessage();
        return -1;
    }
}
