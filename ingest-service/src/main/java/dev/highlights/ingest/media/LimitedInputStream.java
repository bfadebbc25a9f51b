package dev.highlights.ingest.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code limit} bytes through; reading past it throws {@link LimitExceededException}. */
public final class LimitedInputStream extends FilterInputStream {

    /** The stream held more than the limit. */
    public static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        public LimitExceededException(long limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws LimitExceededException {
        count += n;
        if (count > limit) {
            throw new LimitExceededException(limit);
        }
    }

    /** Reads everything into memory, refusing more than {@code limit} bytes. */
    public static byte[] readAll(InputStream in, long limit) throws IOException {
        return new LimitedInputStream(in, limit).readAllBytes();
    }
}
