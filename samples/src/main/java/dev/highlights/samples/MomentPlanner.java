package dev.highlights.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays moments out along an evaluation VOD: a calm lead-in for the baselines, then each moment's footprint (its media
 * event and its chat burst together) followed by a gap of calm, so no two moments touch in media or chat and each
 * chat burst has decayed before the next moment starts.
 *
 * <p>Durations per kind are what such stretches last on real streams. A highlight's chat reaction starts at the
 * moment's start plus its chat lag (the VOD's lag curve at that time plus the moment's jitter) and lasts until its end
 * plus the lag, then decays for a few seconds. Chat that answers the streamer without reacting (command spam after a
 * giveaway announcement, a copypasta set off by something said) starts a stream delay after the speech too, drawn
 * from the same lag model, so only its content tells it from a reaction. A raid's chat comes first, the streamer
 * greets it a second or two later.
 */
final class MomentPlanner {

    /** Calm seconds before the first footprint: chat and media baselines warm up over the first minute. */
    static final int LEAD_IN_SEC = 60;

    private final int durationSec;
    private final LagModel lagModel;
    private final LagModel.Curve lagCurve;
    private final SplittableRandom rnd;
    private final int minGapSec;
    private final int maxGapSec;
    private final int tailCalmSec;

    /**
     * @param minGapSec   fewest calm seconds between two footprints
     * @param maxGapSec   most calm seconds between two footprints
     * @param tailCalmSec fewest calm seconds after the last footprint
     */
    MomentPlanner(int durationSec, LagModel lagModel, SplittableRandom rnd, int minGapSec, int maxGapSec,
                  int tailCalmSec) {
        this.durationSec = durationSec;
        this.lagModel = lagModel;
        this.rnd = rnd;
        this.lagCurve = lagModel.curve(durationSec, rnd);
        this.minGapSec = minGapSec;
        this.maxGapSec = maxGapSec;
        this.tailCalmSec = tailCalmSec;
    }

    /**
     * Places {@code kinds} in order from the lead-in on, as many as fit; the caller sees how many did from the size of
     * the list.
     */
    List<PlantedMoment> place(List<MomentKind> kinds) {
        List<PlantedMoment> out = new ArrayList<>();
        int at = LEAD_IN_SEC;
        for (MomentKind kind : kinds) {
            PlantedMoment m = momentAt(kind, at);
            if (m.lastSecExclusive() + tailCalmSec > durationSec) {
                break;
            }
            out.add(m);
            at = m.lastSecExclusive() + minGapSec + rnd.nextInt(maxGapSec - minGapSec + 1);
        }
        return out;
    }

    /** One moment of {@code kind} whose footprint starts at second {@code at}. */
    PlantedMoment momentAt(MomentKind kind, int at) {
        return switch (kind) {
            case HYPE -> reaction(kind, at, between(12, 25));
            case FUNNY_CONVERSATION -> reaction(kind, at, between(12, 25));
            case TENSE_CLUTCH -> reaction(kind, at, between(10, 20));
            case RAID, GIVEAWAY, COPYPASTA -> {
                int len = kind == MomentKind.RAID ? between(12, 25) : kind == MomentKind.GIVEAWAY ? between(15, 30)
                        : between(8, 18);
                yield PlantedMoment.chatOnly(kind, at, at + len);
            }
            case RAID_GREETED -> {
                int chatLen = between(14, 25);
                int greetAt = at + between(1, 3);
                yield PlantedMoment.withBurst(kind, greetAt, greetAt + between(8, 14), at, at + chatLen);
            }
            case GIVEAWAY_ANNOUNCED, COPYPASTA_LOUD -> {
                boolean giveaway = kind == MomentKind.GIVEAWAY_ANNOUNCED;
                int speech = giveaway ? between(8, 14) : between(6, 12);
                int chatAt = at + (int) Math.round(lagModel.momentLag(lagCurve, at, rnd));
                int chatLen = giveaway ? between(15, 30) : between(8, 18);
                yield PlantedMoment.withBurst(kind, at, at + speech, chatAt, chatAt + chatLen);
            }
            case DONATION_ALERT -> PlantedMoment.of(kind, at, at + between(8, 15));
            case RAGE -> PlantedMoment.of(kind, at, at + between(6, 14));
            case GAME_CROWD -> PlantedMoment.of(kind, at, at + between(10, 20));
            case CAMERA_SHAKE -> PlantedMoment.of(kind, at, at + between(5, 12));
            case FLASHES -> PlantedMoment.of(kind, at, at + between(4, 10));
            case MENU_SCREENS -> PlantedMoment.of(kind, at, at + between(10, 25));
            case DECOY_LOUD_MOTION -> PlantedMoment.of(kind, at, at + between(8, 15));
            case DECOY_STATIC_SCREEN -> PlantedMoment.staticScreen(at, at + between(20, 50));
            case CHAT_FLUCTUATION -> PlantedMoment.chatOnly(kind, at, at + between(5, 12));
            case QUIET -> PlantedMoment.of(kind, at, at + between(10, 30));
            case DECOY_CHAT_SPIKE -> PlantedMoment.chatSpike(at, at + 4);
        };
    }

    private PlantedMoment reaction(MomentKind kind, int at, int len) {
        double lag = lagModel.momentLag(lagCurve, at, rnd);
        return PlantedMoment.reaction(kind, at, at + len, lag, between(3, 7));
    }

    private int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }
}
