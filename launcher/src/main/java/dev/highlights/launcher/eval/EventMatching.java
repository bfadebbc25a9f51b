package dev.highlights.launcher.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-level matching of detections to labelled intervals.
 *
 * <p>A detection and a label are a <em>candidate pair</em> when their IoU is at least {@value #MIN_IOU} or their
 * overlap covers at least {@value #MIN_SHORTER_COVERAGE} of the shorter of the two (so a short detection inside a
 * long labelled moment, or the reverse, still counts).
 *
 * <p>{@link #match} pairs them one-to-one with a maximum-weight bipartite matching (Hungarian algorithm) over
 * weights {@code K + IoU} on candidate pairs and none elsewhere, with {@code K = min(#detections, #labels) + 1}.
 * Any matching with {@code k + 1} pairs weighs at least {@code (k + 1) K}, any with {@code k} pairs at most
 * {@code k (K + 1) = k K + k < (k + 1) K}; so the heaviest matching always has the maximum number of pairs, and
 * among those the largest summed IoU. A greedy pass by descending IoU does not have the first property: it can
 * spend a detection on its best label and leave another detection, whose only candidate was that label, unmatched.
 * The graph is split into connected components first so the cubic algorithm only ever sees a few overlapping
 * intervals at a time.
 */
public final class EventMatching {

    public static final double MIN_IOU = 0.3;
    public static final double MIN_SHORTER_COVERAGE = 0.5;
    /** Interval ends are often sums of decimals: let a ratio that is exactly on a threshold count as reaching it. */
    private static final double EPSILON = 1e-9;

    /** One matched pair, by position in the lists given to {@link #match}. */
    public record Pair(int detection, int truth, double iou) {
    }

    private EventMatching() {
    }

    /** Seconds the two intervals share. */
    public static double overlap(TimeInterval a, TimeInterval b) {
        return Math.max(0.0, Math.min(a.end(), b.end()) - Math.max(a.start(), b.start()));
    }

    public static double iou(TimeInterval a, TimeInterval b) {
        double overlap = overlap(a, b);
        return overlap == 0 ? 0.0 : overlap / (a.length() + b.length() - overlap);
    }

    /** True when {@code a} and {@code b} count as the same event (either rule; the rule is symmetric). */
    public static boolean isCandidate(TimeInterval a, TimeInterval b) {
        double overlap = overlap(a, b);
        if (overlap <= 0) {
            return false;
        }
        double shorter = Math.min(a.length(), b.length());
        return iou(a, b) >= MIN_IOU - EPSILON || overlap >= MIN_SHORTER_COVERAGE * shorter - EPSILON;
    }

    /**
     * The one-to-one matching of maximum cardinality and, among those, maximum summed IoU; pairs sorted by
     * detection index. Ties (equal summed IoU) resolve deterministically for a given input order.
     */
    public static List<Pair> match(List<? extends TimeInterval> detections, List<? extends TimeInterval> truths) {
        int d = detections.size();
        int t = truths.size();
        double[][] iou = new double[d][t];
        // Union-find over nodes 0..d-1 (detections) and d..d+t-1 (truths), joined by candidate pairs.
        int[] parent = new int[d + t];
        Arrays.setAll(parent, i -> i);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < t; j++) {
                if (isCandidate(detections.get(i), truths.get(j))) {
                    iou[i][j] = iou(detections.get(i), truths.get(j));
                    union(parent, i, d + j);
                } else {
                    iou[i][j] = Double.NaN;
                }
            }
        }
        // Group the nodes by component root, detections and truths apart, in index order.
        Map<Integer, List<Integer>> componentDetections = new LinkedHashMap<>();
        Map<Integer, List<Integer>> componentTruths = new LinkedHashMap<>();
        for (int i = 0; i < d; i++) {
            componentDetections.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        for (int j = 0; j < t; j++) {
            componentTruths.computeIfAbsent(find(parent, d + j), k -> new ArrayList<>()).add(j);
        }
        List<Pair> pairs = new ArrayList<>();
        componentDetections.forEach((root, rows) -> {
            List<Integer> cols = componentTruths.get(root);
            if (cols != null) {
                pairs.addAll(matchComponent(iou, rows, cols));
            }
        });
        pairs.sort(Comparator.comparingInt(Pair::detection));
        return pairs;
    }

    private static List<Pair> matchComponent(double[][] iou, List<Integer> detections, List<Integer> truths) {
        // The assignment algorithm needs rows <= columns: put the smaller side on the rows.
        boolean detectionsAreRows = detections.size() <= truths.size();
        List<Integer> rows = detectionsAreRows ? detections : truths;
        List<Integer> cols = detectionsAreRows ? truths : detections;
        double bonus = Math.min(rows.size(), cols.size()) + 1;
        double[][] cost = new double[rows.size()][cols.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.size(); c++) {
                double value = detectionsAreRows ? iou[rows.get(r)][cols.get(c)] : iou[cols.get(c)][rows.get(r)];
                // A non-candidate costs 0, the same as leaving the row unmatched; candidates are worth K + IoU.
                cost[r][c] = Double.isNaN(value) ? 0.0 : -(bonus + value);
            }
        }
        int[] columnOfRow = minCostAssignment(cost);
        List<Pair> pairs = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            int c = columnOfRow[r];
            int detection = detectionsAreRows ? rows.get(r) : cols.get(c);
            int truth = detectionsAreRows ? cols.get(c) : rows.get(r);
            double value = iou[detection][truth];
            if (!Double.isNaN(value)) {
                pairs.add(new Pair(detection, truth, value));
            }
        }
        return pairs;
    }

    /**
     * Hungarian algorithm with potentials (O(n^2 m)) for an n x m cost matrix, n <= m: the column each row gets in
     * an assignment of all rows to distinct columns with the least total cost.
     */
    static int[] minCostAssignment(double[][] cost) {
        int n = cost.length;
        int m = cost[0].length;
        // 1-based as in the textbook formulation; column 0 is a virtual start column.
        double[] rowPotential = new double[n + 1];
        double[] colPotential = new double[m + 1];
        int[] rowOfCol = new int[m + 1];
        int[] previousCol = new int[m + 1];
        for (int row = 1; row <= n; row++) {
            rowOfCol[0] = row;
            int col0 = 0;
            double[] minSlack = new double[m + 1];
            Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[col0] = true;
                int row0 = rowOfCol[col0];
                double delta = Double.POSITIVE_INFINITY;
                int col1 = 0;
                for (int col = 1; col <= m; col++) {
                    if (!used[col]) {
                        double slack = cost[row0 - 1][col - 1] - rowPotential[row0] - colPotential[col];
                        if (slack < minSlack[col]) {
                            minSlack[col] = slack;
                            previousCol[col] = col0;
                        }
                        if (minSlack[col] < delta) {
                            delta = minSlack[col];
                            col1 = col;
                        }
                    }
                }
                for (int col = 0; col <= m; col++) {
                    if (used[col]) {
                        rowPotential[rowOfCol[col]] += delta;
                        colPotential[col] -= delta;
                    } else {
                        minSlack[col] -= delta;
                    }
                }
                col0 = col1;
            } while (rowOfCol[col0] != 0);
            do {
                int col1 = previousCol[col0];
                rowOfCol[col0] = rowOfCol[col1];
                col0 = col1;
            } while (col0 != 0);
        }
        int[] columnOfRow = new int[n];
        for (int col = 1; col <= m; col++) {
            if (rowOfCol[col] != 0) {
                columnOfRow[rowOfCol[col] - 1] = col - 1;
            }
        }
        return columnOfRow;
    }

    private static int find(int[] parent, int node) {
        while (parent[node] != node) {
            parent[node] = parent[parent[node]];
            node = parent[node];
        }
        return node;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
