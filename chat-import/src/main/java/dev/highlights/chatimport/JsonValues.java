package dev.highlights.chatimport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Type-tolerant reads of the current token of a streaming parser: ids may be numbers or strings, numbers may be
 * quoted, and a value of an unexpected shape (an object where a string was expected) is skipped and reads as
 * missing instead of failing the entry.
 */
final class JsonValues {

    /** Shared, thread-safe; parsers are created per entry. */
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonValues() {
    }

    /** Strings, numbers and booleans as text; null for null; objects and arrays are skipped and read as null. */
    static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == null || skippedContainer(p, t)) {
            return null;
        }
        switch (t) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getText();
            default:
                return null;
        }
    }

    /** A number, or a string holding one; NaN otherwise (objects and arrays are skipped). */
    static double number(JsonParser p, JsonToken t) throws IOException {
        if (t == null || skippedContainer(p, t)) {
            return Double.NaN;
        }
        switch (t) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                try {
                    return Double.parseDouble(p.getText().trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            default:
                return Double.NaN;
        }
    }

    /** A whole number (or a quoted one, or a float truncated); null otherwise. */
    static Long longValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null || skippedContainer(p, t)) {
            return null;
        }
        switch (t) {
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return (long) p.getDoubleValue();
            case VALUE_STRING: {
                String s = p.getText().trim();
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    try {
                        double d = Double.parseDouble(s);
                        return Double.isFinite(d) ? (long) d : null;
                    } catch (NumberFormatException e2) {
                        return null;
                    }
                }
            }
            default:
                return null;
        }
    }

    /** An object or array is skipped (true): where a scalar was expected, it reads as missing. */
    private static boolean skippedContainer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return true;
        }
        return false;
    }

    static int intValue(JsonParser p, JsonToken t) throws IOException {
        Long v = longValue(p, t);
        if (v == null) {
            return 0;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** true, "true" or 1; anything else is false. */
    static boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t == null || skippedContainer(p, t)) {
            return false;
        }
        switch (t) {
            case VALUE_TRUE:
                return true;
            case VALUE_NUMBER_INT:
                return p.getLongValue() != 0;
            case VALUE_STRING:
                return "true".equalsIgnoreCase(p.getText().trim()) || "1".equals(p.getText().trim());
            default:
                return false;
        }
    }

    /** Takes one field of an object: the parser is on the field's first value token {@code t}. */
    @FunctionalInterface
    interface FieldReader<S> {
        void field(JsonParser p, String name, JsonToken t, S into) throws IOException;
    }

    /** Takes one object element of an array: the parser is on its START_OBJECT and must end on its END_OBJECT. */
    @FunctionalInterface
    interface ElementReader<S> {
        void element(JsonParser p, S into) throws IOException;
    }

    /**
     * Hands every field of the object the parser is in (just after its START_OBJECT) to {@code reader}, which must
     * read or {@link #skip} the value; returns on the object's END_OBJECT.
     */
    static <S> void fields(JsonParser p, S into, FieldReader<S> reader) throws IOException {
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            reader.field(p, f, p.nextToken(), into);
        }
    }

    /** An object value's fields to {@link #fields}; any other value is skipped. True when it was an object. */
    static <S> boolean object(JsonParser p, JsonToken t, S into, FieldReader<S> reader) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            skip(p);
            return false;
        }
        fields(p, into, reader);
        return true;
    }

    /**
     * An array value's object elements, one by one, to {@code reader}; elements of other shapes are skipped, and so
     * is a value that is not an array.
     */
    static <S> void objects(JsonParser p, JsonToken t, S into, ElementReader<S> reader) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            skip(p);
            return;
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
            if (e == JsonToken.START_OBJECT) {
                reader.element(p, into);
            } else {
                skip(p);
            }
        }
    }

    /** Skips the current value (a no-op for scalars). */
    static void skip(JsonParser p) throws IOException {
        p.skipChildren();
    }

    /** Short form of a Jackson error for an issue reason (no source excerpt, no location: the entry has its own). */
    static String describe(com.fasterxml.jackson.core.JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ');
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
