/**
 * The fusion rules of the highlight pipeline as plain Java, free of Kafka, Avro and Quarkus.
 *
 * <ul>
 *   <li>{@link dev.highlights.fusion.rules.FusionConfig}: every weight and threshold, built from the service's configuration mapping (the one source of defaults).</li>
 *   <li>{@link dev.highlights.fusion.rules.ReferenceDetector}: the user's batch detector over whole-VOD arrays, the
 *       oracle.</li>
 *   <li>{@link dev.highlights.fusion.rules.FusionEngine} + {@link dev.highlights.fusion.rules.VodFusionState}: the
 *       streaming per-VOD fusion a Kafka Streams processor drives (state to and from bytes for a changelogged
 *       store).</li>
 *   <li>{@link dev.highlights.fusion.rules.RollingZScore} and {@link dev.highlights.fusion.rules.ChatLagEstimator}:
 *       the per-VOD rolling baselines and the chat reaction lag.</li>
 * </ul>
 *
 * <p>Processor sketch, per input record keyed by VOD id: {@code st = store.get(vod)} decoded with
 * {@code VodFusionState.fromBytes} (or {@code engine.newState(vod)}); {@code updates = engine.onChat(st, ...)} (or
 * onAudio, onVideo, onWatermark, onModalityFinished, onModalityAbsent); {@code store.put(vod, st.toBytes())}; forward
 * the updates keyed by VOD id. A wall-clock punctuator calls {@code onWallClock(st, now)} for the VODs with pending
 * data; the VOD-completed status calls {@code onVodEnd(st)} and forwards its updates and summary.
 */
package dev.highlights.fusion.rules;
