package dev.highlights.chat.features;

/**
 * The façade a Kafka Streams processor calls, one {@link VodChatState} per VOD (keyed by VOD id in a state store):
 *
 * <pre>{@code
 *   VodChatState state = stored != null ? VodChatState.fromBytes(stored) : engine.newVodState();
 *   MessageOutcome r = engine.onMessage(state, view);      // forward r.emitted(); r.disposition() for metrics/status
 *   ... or, for the END_OF_CHAT marker:
 *   EndOutcome e = engine.onEnd(state, marker.offsetSec);  // forward e.emitted(); report e.completion()
 *   store.put(vodId, state.toBytes());
 * }</pre>
 * Thread-safe (the lexicon and configuration are immutable); states are not. A restored state keeps the
 * configuration it was created with; {@link #config()} applies to new VODs.
 */
public final class ChatFeatureEngine {

    private final ChatFeatureConfig config;
    private final ChatLexicon lexicon;
    private final MessageAnalyzer analyzer;

    public ChatFeatureEngine(ChatFeatureConfig config, ChatLexicon lexicon) {
        this.config = config;
        this.lexicon = lexicon;
        this.analyzer = new MessageAnalyzer(lexicon);
    }

    public ChatFeatureConfig config() {
        return config;
    }

    public ChatLexicon lexicon() {
        return lexicon;
    }

    public VodChatState newVodState() {
        return new VodChatState(config);
    }

    /**
     * Counts one message of the VOD; returns its disposition and the features it released (possibly none). Offsets
     * that are not finite or exceed the state's maxOffsetSeconds are rejected as INVALID.
     */
    public MessageOutcome onMessage(VodChatState state, ChatMessageView message) {
        double offset = message.offsetSec();
        if (!Double.isFinite(offset) || offset > state.config().maxOffsetSeconds()) {
            return state.rejectInvalid();
        }
        return state.accept(analyzer.analyze(message));
    }

    /**
     * The end-of-chat marker: emits every second not emitted yet, up to the larger of the watermark's second and
     * {@code endOffsetSec}'s second (pass NaN when the marker has no offset; an offset above maxOffsetSeconds is
     * ignored), and returns the completion totals.
     * Idempotent: a repeated marker emits nothing and returns the same totals.
     */
    public EndOutcome onEnd(VodChatState state, double endOffsetSec) {
        return state.end(endOffsetSec);
    }

    /** {@link #onEnd(VodChatState, double)} without an end offset: the watermark's second is the last. */
    public EndOutcome onEnd(VodChatState state) {
        return state.end(Double.NaN);
    }
}
