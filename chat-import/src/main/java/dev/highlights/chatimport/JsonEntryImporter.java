package dev.highlights.chatimport;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * The common loop of the two JSON formats: {@link JsonFramer} cuts the message array into entries, each entry is
 * read with its own Jackson streaming parser by {@link #readEntry}, and whatever goes wrong with one entry is
 * counted against that entry only. A file that ends early stops the loop with everything before it imported and
 * the truncation counted as one malformed entry.
 */
abstract class JsonEntryImporter {

    final ImportContext ctx;
    final JsonFramer framer;
    private long index;

    JsonEntryImporter(ImportContext ctx, InputStream in) {
        this.ctx = ctx;
        this.framer = new JsonFramer(in, ctx.inputError, ctx.options.maxEntryBytes());
    }

    /** Enters the message array; false when there is none (the reason is already recorded). */
    abstract boolean enterArray() throws IOException;

    /** What one entry is called in issue reasons, e.g. "comment". */
    abstract String entryName();

    /**
     * Reads one entry (the parser is on its START_OBJECT) and emits it, or returns why it cannot be a message.
     * Must parse the entry completely before emitting.
     */
    abstract String readEntry(JsonParser p) throws IOException;

    final void run() throws IOException {
        if (!enterArray()) {
            String why = framer.problem() + inputErrorSuffix();
            if (framer.problemIsTruncation()) {
                ctx.truncated(framer.line(), framer.position(), why);
            } else {
                ctx.malformed(framer.line(), framer.position(), why);
            }
            return;
        }
        while (true) {
            int r = framer.nextEntry();
            if (r == JsonFramer.END) {
                return;
            }
            if (r == JsonFramer.EOF) {
                boolean inside = framer.entryLength() > 0 || framer.entryOverflow();
                ctx.truncated(framer.entryLine(), framer.entryOffset(),
                        (inside ? "input ended inside " + entryName() + " #" + (index + 1)
                                : "input ended after " + entryName() + " #" + index + " before the array closed")
                                + " (truncated file)" + inputErrorSuffix());
                return;
            }
            index++;
            if (framer.entryOverflow()) {
                ctx.malformed(framer.entryLine(), framer.entryOffset(), entryName() + " #" + index
                        + " is larger than " + ctx.options.maxEntryBytes() + " bytes; skipped");
                continue;
            }
            String problem;
            try (JsonParser p = JsonValues.FACTORY.createParser(framer.entry(), 0, framer.entryLength())) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    problem = "is not a JSON object";
                } else {
                    problem = readEntry(p);
                }
            } catch (JacksonException e) {
                problem = "is not valid JSON: " + JsonValues.describe(e);
            } catch (RuntimeException e) {
                if (ctx.sinkFailed()) {
                    throw e; // the sink failed: that is the caller's error, not a bad entry
                }
                problem = "could not be read: " + e; // an entry must never end the import
            }
            if (problem != null) {
                ctx.malformed(framer.entryLine(), framer.entryOffset(), entryName() + " #" + index + " " + problem);
            }
        }
    }

    /**
     * An entry's media offset: the {@code given} one, else (NaN) derived from its epoch time and the stream start when
     * both are known; NaN when neither.
     */
    final double offsetSec(double given, Long epochMs) {
        Long start = ctx.options.streamStartEpochMs();
        if (Double.isNaN(given) && epochMs != null && start != null) {
            return (epochMs - start) / 1000.0;
        }
        return given;
    }

    /** Why an {@link #offsetSec} cannot be used ({@code field} names the missing offset), or null when it can. */
    static String offsetProblem(double offset, String field) {
        if (Double.isNaN(offset)) {
            return "has no " + field;
        }
        if (!Double.isFinite(offset) || offset < 0) {
            return "has an offset before the VOD start or not finite: " + offset;
        }
        return null;
    }

    private String inputErrorSuffix() {
        return framer.inputError() != null ? "; " + framer.inputError() : "";
    }

    /** The entry number (1-based) of the entry being read. */
    final long index() {
        return index;
    }
}
