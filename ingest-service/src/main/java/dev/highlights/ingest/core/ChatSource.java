package dev.highlights.ingest.core;

import java.io.IOException;
import java.io.InputStream;

/** Where a chat import reads from; opened on the import thread. */
public interface ChatSource {

    /** The checked location, for status messages. */
    String uri();

    /** Opens the raw bytes (plain or gzip); the importer detects compression and format. */
    InputStream open() throws IOException;
}
