package dev.highlights.launcher.eval;

/** Of {@code total} labelled non-highlights of one kind, {@code hit} were matched by some detection. */
public record KindHits(int hit, int total) {

    public KindHits {
        if (hit < 0 || hit > total) {
            throw new IllegalArgumentException("hit " + hit + " of " + total);
        }
    }

    public KindHits plus(KindHits other) {
        return new KindHits(hit + other.hit, total + other.total);
    }
}
