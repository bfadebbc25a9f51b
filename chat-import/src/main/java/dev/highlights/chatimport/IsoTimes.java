package dev.highlights.chatimport;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Date-times as found in chat exports, to epoch milliseconds, without {@code DateTimeFormatter} on the hot path:
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm|±HHmm]}, with a space instead of the {@code T} accepted too
 * (C# writes up to 7 fraction digits; extra digits are truncated). Without an offset the given zone applies.
 */
final class IsoTimes {

    private IsoTimes() {
    }

    /** Epoch milliseconds, or null when {@code s} is not such a date-time. */
    static Long parseEpochMs(String s, ZoneId zoneWithoutOffset) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n < 19) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        char t = s.charAt(10);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || s.charAt(4) != '-' || s.charAt(7) != '-' || (t != 'T' && t != 't' && t != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return fallback(s, zoneWithoutOffset);
        }
        int i = 19;
        int millis = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int scale = 100;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                millis += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) {
                return null;
            }
        }
        Integer offsetSeconds;
        if (i == n) {
            offsetSeconds = null;
        } else {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == n) {
                offsetSeconds = 0;
            } else if (c == '+' || c == '-') {
                int oh = digits(s, i + 1, 2);
                int om;
                if (i + 6 == n && s.charAt(i + 3) == ':') {
                    om = digits(s, i + 4, 2);
                } else if (i + 5 == n) {
                    om = digits(s, i + 3, 2);
                } else if (i + 3 == n) {
                    om = 0;
                } else {
                    return fallback(s, zoneWithoutOffset);
                }
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return null;
                }
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return fallback(s, zoneWithoutOffset);
            }
        }
        try {
            if (offsetSeconds == null && !ZoneOffset.UTC.equals(zoneWithoutOffset)) {
                LocalDateTime ldt = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
                return ldt.atZone(zoneWithoutOffset).toInstant().toEpochMilli();
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return null;
            }
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long epochSec = epochDay * 86_400L + hour * 3600L + minute * 60L + second
                    - (offsetSeconds == null ? 0 : offsetSeconds);
            return epochSec * 1000L + millis;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Long fallback(String s, ZoneId zone) {
        try {
            return OffsetDateTime.parse(s.trim()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.trim()).atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
