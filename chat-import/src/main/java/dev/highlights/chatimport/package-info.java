/**
 * Chat import: streaming parsers from chat exports to the normalized {@code dev.highlights.avro.ChatMessage}, free
 * of Kafka and Quarkus.
 *
 * <h2>Use</h2>
 * <pre>{@code
 *   ChatFormat format = requested == null ? null                               // null: detect
 *           : ChatFormat.fromName(requested).orElseThrow(() -> badRequest(requested));
 *   ChatImportOptions options = ChatImportOptions.forVod(vodId)
 *           .withFormat(format)
 *           .withStreamStartEpochMs(streamStartMs);                            // required for Twitch IRC
 *   ChatImportResult r = ChatImporter.importChat(body, options, m -> producer.send(record(vodId, m)));
 *   producer.send(record(vodId, r.endOfChat(vodId)));                       // END_OF_CHAT after the last message
 *   // status: r.messages(), r.malformed(), r.truncated(), r.summary(), r.issues()
 * }</pre>
 * {@link dev.highlights.chatimport.ChatImportException} (unknown format, IRC without a stream start, broken gzip
 * header) means nothing was sent; its {@code reason()} maps to 415/400.
 *
 * <h2>Formats</h2>
 * TwitchDownloader chat JSON, chat-downloader JSON and Twitch IRC log lines, plain or gzip (by magic bytes); see
 * {@link dev.highlights.chatimport.ChatFormat} for detection and the importer classes for the fields read and the
 * legacy variants tolerated.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Memory does not grow with the file: one entry or line at a time (a 1-million-message file imports in a
 *       256 MB heap, and in 16 MB).</li>
 *   <li>Malformed entries are counted and skipped, never fatal; a file that ends early keeps what was read.</li>
 *   <li>Message ids are deterministic ({@link dev.highlights.chatimport.ChatMessages}): the source's id, else a
 *       SHA-256-based hash of VOD, offset, author and text.</li>
 *   <li>Emote positions are UTF-16 indices, inclusive, as the schema says; code point positions of IRC tags,
 *       Twitch GQL offsets and chat-downloader locations are converted.</li>
 * </ul>
 */
package dev.highlights.chatimport;
