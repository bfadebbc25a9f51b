package dev.highlights.media;

import java.net.URI;
import java.nio.file.Path;

/** A media or chat location that passed {@link LocationPolicy}: a local file under a root, or an allowed URL. */
public sealed interface Location {

    /** The canonical URI: {@code file:///real/path} for local files, the URL for remote ones. */
    String uri();

    /** What FFmpeg opens: the real path of a local file, the URL of a remote one. */
    String ffmpegInput();

    boolean isRemote();

    /** A regular, readable file whose real path lies under a media root. */
    record LocalFile(Path realPath) implements Location {
        @Override
        public String uri() {
            return realPath.toUri().toString();
        }

        @Override
        public String ffmpegInput() {
            return realPath.toString();
        }

        @Override
        public boolean isRemote() {
            return false;
        }
    }

    /** An http(s) URL whose host is allowed. */
    record Remote(URI url) implements Location {
        @Override
        public String uri() {
            return url.toString();
        }

        @Override
        public String ffmpegInput() {
            return url.toString();
        }

        @Override
        public boolean isRemote() {
            return true;
        }
    }
}
