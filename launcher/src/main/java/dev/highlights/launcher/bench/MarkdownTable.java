package dev.highlights.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table whose columns line up in a terminal too; numeric columns are right-aligned. */
public final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "" : c.toString().replace("|", "\\|").replace("\n", " "));
        }
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** A column is numeric when every non-empty cell starts like a number (ratios such as {@code 1.23x} included). */
    private boolean numeric(int col) {
        boolean any = false;
        for (List<String> r : rows) {
            String c = r.get(col);
            if (c.isEmpty() || c.equals("-")) {
                continue;
            }
            any = true;
            if (!c.matches("[-+~]?[0-9][0-9,.]*.*") || c.matches(".*[a-wyzA-Z]{3,}.*")) {
                return false;
            }
        }
        return any;
    }

    public String render() {
        int n = header.size();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = Math.max(3, header.get(i).length());
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
            right[i] = i > 0 && numeric(i);
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, right);
        sb.append('|');
        for (int i = 0; i < n; i++) {
            sb.append(' ').append("-".repeat(right[i] ? width[i] - 1 : width[i])).append(right[i] ? ":" : "").append(" |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width, right);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
        sb.append('|');
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            sb.append(' ').append(right[i] ? pad + c : c + pad).append(" |");
        }
        sb.append('\n');
    }

    /** {@code 12.3}: one decimal below 100, none above; "-" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    /** {@code 1.23x}; "-" for NaN. */
    public static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
    }
}
