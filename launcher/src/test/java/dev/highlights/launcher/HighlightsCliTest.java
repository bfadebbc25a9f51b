package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./highlights}'s command line: help, usage errors and exit statuses, before anything is started. */
class HighlightsCliTest {

    /** What one invocation printed and returned. */
    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome execute(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new HighlightsCli(home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).execute(args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badUsageExitsWithTwoBeforeStartingAnything(@TempDir Path home) {
        assertThat(execute(home).exit()).isEqualTo(2);
        assertThat(execute(home, "explode").exit()).isEqualTo(2);
        assertThat(execute(home, "run").exit()).isEqualTo(2);
        assertThat(execute(home, "run", "--video").exit()).isEqualTo(2);
        assertThat(execute(home, "run", "--video", home.resolve("missing.mp4").toString()).exit()).isEqualTo(2);
        assertThat(execute(home, "help").exit()).isZero();
    }

    @Test
    void liveOptionsAreCheckedBeforeStartingAnything(@TempDir Path home) throws Exception {
        Path playlist = java.nio.file.Files.writeString(home.resolve("live.m3u8"), "#EXTM3U\n");
        Outcome chatExport = execute(home, "run", "--live", "--video", playlist.toString(), "--chat",
                playlist.toString());
        assertThat(chatExport.exit()).isEqualTo(2);
        assertThat(chatExport.err()).contains("--chat-channel");
        assertThat(execute(home, "run", "--video", playlist.toString(), "--chat-channel", "somestreamer").err())
                .contains("add --live");
        assertThat(execute(home, "run", "--live", "--video", playlist.toString(), "--chat-channel", "no spaces!")
                .err()).contains("Twitch channel name");
        assertThat(RunCommand.channelUri("SomeStreamer").toString()).isEqualTo("ircs://irc.chat.twitch.tv:6697/#somestreamer");
        assertThat(RunCommand.channelUri("irc://127.0.0.1:6667/#test").toString()).isEqualTo("irc://127.0.0.1:6667/#test");
        assertThat(execute(home, "run", "--help").out()).contains("--live", "--chat-channel=NAME|URI");
        Outcome replayWithoutLive = execute(home, "eval", "--set", "regression", "--chat-over", "irc");
        assertThat(replayWithoutLive.exit()).isEqualTo(2);
        assertThat(replayWithoutLive.err()).contains("add --live");
        assertThat(execute(home, "eval", "--set", "tuning", "--live", "--segment-sec", "0").err())
                .contains("--segment-sec takes 1 to 30 seconds");
    }

    @Test
    void noArgumentsPrintTheUsageListingEveryCommand(@TempDir Path home) {
        Outcome none = execute(home);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).contains("Usage: highlights", "demo", "run", "up", "clips", "push", "tail", "bench",
                "completion");
        assertThat(execute(home, "--help").out()).isEqualTo(none.out());
        assertThat(execute(home, "-h").exit()).isZero();
    }

    @Test
    void pushHelpExitsZeroAndListsPushsOptions(@TempDir Path home) {
        Outcome help = execute(home, "push", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("Usage: highlights push", "--video=FILE|URI", "--chat=FILE|URI", "--id=VOD_ID",
                "--format=avro|json", "--wait-seconds=N", "(default: 30", "--bootstrap-servers=HOST:PORT",
                "--schema-registry=URL", "--config=client.properties", "--property=KEY=VALUE");
    }

    @Test
    void tailShortHelpExitsZeroAndListsTailsOptions(@TempDir Path home) {
        Outcome help = execute(home, "tail", "-h");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: highlights tail", "--vod=ID", "--from-beginning", "--timeout-seconds=N",
                "--bootstrap-servers=HOST:PORT", "--property=KEY=VALUE");
    }

    @Test
    void everyCommandAnswersHelp(@TempDir Path home) {
        for (String command : new String[] {"demo", "run", "up", "clips", "push", "tail", "bench", "completion"}) {
            Outcome help = execute(home, command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: highlights " + command);
        }
    }

    @Test
    void helpWithACommandPrintsThatCommandsUsage(@TempDir Path home) {
        Outcome help = execute(home, "help", "run");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: highlights run", "--video=FILE|URL", "--chat=FILE", "--out=DIR",
                "--title=TEXT", "--timeout-minutes=N", "(default: 120)", "highlights-out");
        assertThat(help.out()).isEqualTo(execute(home, "run", "--help").out());
        assertThat(execute(home, "help", "explode").exit()).isEqualTo(2);
    }

    @Test
    void aMissingRequiredOptionIsNamedWithTheUsageOnStderr(@TempDir Path home) {
        Outcome push = execute(home, "push");
        assertThat(push.exit()).isEqualTo(2);
        assertThat(push.err()).startsWith("highlights: Missing required option: '--video=FILE|URI'")
                .contains("Usage: highlights push");
        assertThat(push.out()).isEmpty();

        Outcome run = execute(home, "run", "--out", home.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--video", "Usage: highlights run");
    }

    @Test
    void unknownOptionsAndCommandsExitWithTwo(@TempDir Path home) {
        Outcome option = execute(home, "tail", "--follow");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown option: '--follow'", "Usage: highlights tail");

        Outcome command = execute(home, "explode");
        assertThat(command.exit()).isEqualTo(2);
        assertThat(command.err()).startsWith("highlights: unknown command 'explode'");
    }

    @Test
    void valuesTheCommandCannotUseAreBadUsageToo(@TempDir Path home) {
        Outcome missing = execute(home, "run", "--video", home.resolve("missing.mp4").toString());
        assertThat(missing.err()).contains("highlights: --video", "missing.mp4: no such file", "Usage: highlights run");
        Outcome count = execute(home, "push", "--video", "https://cdn.example.com/v.m3u8", "--wait-seconds", "soon");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.err()).contains("--wait-seconds", "soon");
        assertThat(execute(home, "push", "--video", "https://cdn.example.com/v.m3u8", "--wait-seconds", "-1").exit())
                .isEqualTo(2);
        assertThat(execute(home, "bench", "--profile", "gpu").exit()).isEqualTo(2);
    }

    @Test
    void clipsWithoutAPreviousRunFailsWithOne(@TempDir Path home) {
        Outcome clips = execute(home, "clips");
        assertThat(clips.exit()).isEqualTo(1);
        assertThat(clips.err()).startsWith("highlights: no previous run");
    }

    @Test
    void completionPrintsABashScriptForEveryCommand(@TempDir Path home) {
        Outcome completion = execute(home, "completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_highlights", "demo run eval up clips push tail bench",
                        "'--bootstrap-servers'", "'--video'", "'--timeout-minutes'");
    }
}
