package dev.highlights.chatimport;

/**
 * One malformed entry that was skipped.
 *
 * @param line       1-based line of the decompressed input where the entry starts (for compact JSON usually 1)
 * @param byteOffset offset of the entry's first byte in the decompressed input, or -1 when unknown
 * @param reason     what was wrong, for a person
 */
public record ChatImportIssue(long line, long byteOffset, String reason) {

    @Override
    public String toString() {
        return "line " + line + (byteOffset >= 0 ? " (byte " + byteOffset + ")" : "") + ": " + reason;
    }
}
