package dev.highlights.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both truth shapes, their defaults, and the errors a wrong file gets. */
class TruthFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSampleTruthAsTheLauncherWritesIt() throws IOException {
        // the shape SampleTruth.write produces, before the optional label / chatLagSec fields existed
        Path file = write("sample-truth.json", """
                {"format":"highlights-sample-truth/1","durationSec":240,"width":640,"height":360,"fps":30,
                 "seed":20240504,"moments":[
                  {"kind":"HYPE","startSec":62,"endSec":82,"chatStartSec":66,"chatEndSec":85,"expectHighlight":true},
                  {"kind":"DECOY_LOUD_MOTION","startSec":100,"endSec":115,"chatStartSec":null,"chatEndSec":null,
                   "expectHighlight":false},
                  {"kind":"QUIET","startSec":200,"endSec":220,"chatStartSec":null,"chatEndSec":null,
                   "expectHighlight":false}]}
                """);
        LabelledVod vod = TruthFile.read(file);
        assertThat(vod.durationSec()).isEqualTo(240);
        assertThat(vod.labels()).containsExactly(
                new Label(62, 82, "highlight", null),
                new Label(100, 115, "decoy_loud_motion", null),
                new Label(200, 220, "quiet", null));
        assertThat(vod.highlights()).hasSize(1);
        assertThat(vod.nonHighlights()).extracting(Label::kind).containsExactly("decoy_loud_motion", "quiet");
        // the file's own duration wins over a probed one
        assertThat(TruthFile.read(file, 250).durationSec()).isEqualTo(240);
    }

    @Test
    void sampleTruthLabelAndChatLagOverrideTheDefaults() throws IOException {
        Path file = write("sample-truth.json", """
                {"format":"highlights-sample-truth/1","durationSec":3600,"moments":[
                  {"kind":"HYPE","startSec":62,"endSec":82,"expectHighlight":true,"label":"highlight","chatLagSec":4.5},
                  {"kind":"HYPE","startSec":300,"endSec":330,"expectHighlight":false,"label":"raid","chatLagSec":null},
                  {"kind":"DECOY_CHAT_SPIKE","startSec":400,"endSec":405,"expectHighlight":false,
                   "label":"chat_fluctuation"}]}
                """);
        assertThat(TruthFile.read(file).labels()).containsExactly(
                new Label(62, 82, "highlight", 4.5),
                new Label(300, 330, "raid", null),
                new Label(400, 405, "chat_fluctuation", null));
    }

    @Test
    void readsUsersLabelArrayWithDefaultsAndTheProbedDuration() throws IOException {
        Path file = write("labels.json", """
                [{"start": 12.5, "end": 30, "kind": "highlight", "chatLag": 3.5},
                 {"start": 40, "end": 55.25},
                 {"start": 70, "end": 90, "kind": "Raid", "note": "ignored"},
                 {"start": 100, "end": 110, "kind": "giveaway", "chatLag": null}]
                """);
        LabelledVod vod = TruthFile.read(file);
        assertThat(vod.durationKnown()).isFalse();
        assertThat(vod.durationSec()).isNaN();
        assertThat(vod.labels()).containsExactly(
                new Label(12.5, 30, "highlight", 3.5),
                new Label(40, 55.25, "highlight", null),
                new Label(70, 90, "raid", null),
                new Label(100, 110, "giveaway", null));
        assertThat(TruthFile.read(file, 1234.5).durationSec()).isEqualTo(1234.5);
        assertThat(TruthFile.read(write("none.json", "[]")).labels()).isEmpty();
    }

    @Test
    void notJsonIsAnIoErrorNamingTheFile() throws IOException {
        Path file = write("broken.json", "[{\"start\": 1, ");
        assertThatThrownBy(() -> TruthFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("not JSON");
        Path empty = write("empty.json", "");
        assertThatThrownBy(() -> TruthFile.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("empty.json");
        assertThatThrownBy(() -> TruthFile.read(dir.resolve("missing.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "end before start          | [{\"start\": 10, \"end\": 5}]                  | label 0: end (5.0) must be after start (10.0)",
            "end equal to start        | [{\"start\": 1, \"end\": 2}, {\"start\": 10, \"end\": 10}] | label 1: end (10.0) must be after start (10.0)",
            "negative start            | [{\"start\": -1, \"end\": 5}]                  | label 0: start must not be negative",
            "missing end               | [{\"start\": 1}]                               | label 0: missing \"end\"",
            "start as text             | [{\"start\": \"0:10\", \"end\": 20}]           | label 0: \"start\" must be a number",
            "blank kind                | [{\"start\": 1, \"end\": 2, \"kind\": \" \"}]  | label 0: \"kind\" must be a non-empty string",
            "chat lag as text          | [{\"start\": 1, \"end\": 2, \"chatLag\": \"x\"}] | label 0: \"chatLag\" must be a number or null",
            "array of numbers          | [1, 2]                                         | label 0: expected an object",
            "plain object              | {\"start\": 1, \"end\": 2}                     | unknown truth shape (object)",
            "a number                  | 42                                             | unknown truth shape (number)",
            "other format              | {\"format\": \"something/2\", \"moments\": []} | unknown truth format \"something/2\"",
            "sample without duration   | {\"format\": \"highlights-sample-truth/1\", \"moments\": []} | durationSec must be a positive number",
            "sample without moments    | {\"format\": \"highlights-sample-truth/1\", \"durationSec\": 60} | \"moments\" must be an array",
            "sample negative end       | {\"format\": \"highlights-sample-truth/1\", \"durationSec\": 60, \"moments\": [{\"kind\": \"HYPE\", \"startSec\": 5, \"endSec\": -1, \"expectHighlight\": true}]} | moment 0: end (-1.0) must be after start (5.0)",
            "sample moment unnamed     | {\"format\": \"highlights-sample-truth/1\", \"durationSec\": 60, \"moments\": [{\"startSec\": 5, \"endSec\": 9}]} | moment 0: needs \"label\", \"kind\" or \"expectHighlight\"",
    })
    void wrongContentIsAnArgumentErrorNamingFileAndElement(String what, String json, String message)
            throws IOException {
        Path file = write("bad.json", json);
        assertThatThrownBy(() -> TruthFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
    }

    @Test
    void labelKindsCompareCaseInsensitively() {
        assertThat(new Label(0, 1, " HighLight ", null).isHighlight()).isTrue();
        assertThat(new Label(0, 1, "raid", null).isHighlight()).isFalse();
        assertThat(new LabelledVod(10, List.of(new Label(0, 1, "RAID", null))).nonHighlights().get(0).kind())
                .isEqualTo("raid");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
