package dev.highlights.ingest.kafka;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Serves a record again and again while what it needs is down: the schema registry (a value that cannot be read
 * yet), Kafka or the views ({@link ProblemKind#UNAVAILABLE}). Such a record is not at fault, so it is never
 * skipped; its partition waits (the connector pauses it) and nothing behind it overtakes it. Waits 0.5 s,
 * doubling up to 5 s: short, because a restarted ingest's live follows wait here for its views, and every second
 * waited is a second later on air.
 */
final class UntilAvailable {
    private static final Logger LOG = Logger.getLogger(UntilAvailable.class);
    private static final long FIRST_WAIT_MS = 500;
    private static final long LONGEST_WAIT_MS = 5_000;

    /** The service stops while a record waits: it stays unacknowledged, so it is read again after the restart. */
    static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedException(String position) {
            super("stopped while " + position + " waited for the registry, Kafka or the views");
        }
    }

    private UntilAvailable() {
    }

    static <T> T serve(String position, BooleanSupplier running, Supplier<T> work) {
        long waitMs = FIRST_WAIT_MS;
        for (int attempt = 1; ; attempt++) {
            String why;
            try {
                return work.get();
            } catch (IngestValues.RegistryUnavailableException e) {
                why = e.getMessage();
            } catch (IngestException e) {
                if (e.kind() != ProblemKind.UNAVAILABLE) {
                    throw e;
                }
                why = e.getMessage();
            }
            if (attempt == 1) { // usually the views still loading at start-up
                LOG.debugf("%s waits (next try in %d ms): %s", position, waitMs, why);
            } else if (Long.bitCount(attempt) == 1) { // 2nd, 4th, 8th ... attempt: no log flood
                LOG.warnf("%s still waits (attempt %d, next in %d ms): %s", position, attempt, waitMs, why);
            }
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException(position);
            }
            if (!running.getAsBoolean()) {
                throw new StoppedException(position);
            }
            waitMs = Math.min(LONGEST_WAIT_MS, waitMs * 2);
        }
    }
}
