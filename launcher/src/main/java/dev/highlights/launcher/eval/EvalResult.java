package dev.highlights.launcher.eval;

import java.util.List;

/** Every VOD's scores and their totals: what {@link EvalReport} prints and writes as JSON. */
public record EvalResult(List<VodResult> vods, EvalTotals totals) {

    public EvalResult {
        vods = List.copyOf(vods);
    }
}
