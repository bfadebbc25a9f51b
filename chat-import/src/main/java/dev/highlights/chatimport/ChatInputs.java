package dev.highlights.chatimport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Compression detection by content, never by file name. */
public final class ChatInputs {

    /** Read buffer of the wrapping streams. */
    public static final int BUFFER_SIZE = 64 * 1024;

    private ChatInputs() {
    }

    /** A stream that supports mark/reset: {@code in} itself when it is a {@link BufferedInputStream}. */
    public static BufferedInputStream buffered(InputStream in) {
        return in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, BUFFER_SIZE);
    }

    /** True when the next two bytes are the gzip magic number 0x1f 0x8b; the stream is reset to where it was. */
    public static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        try {
            int b0 = in.read();
            int b1 = b0 < 0 ? -1 : in.read();
            return b0 == 0x1f && b1 == 0x8b;
        } finally {
            in.reset();
        }
    }
}
