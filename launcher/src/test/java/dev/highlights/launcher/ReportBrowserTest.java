package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The HTML report in a real headless browser (Debian's chromium and chromium-driver, which .ci/run installs). */
class ReportBrowserTest {
    @TempDir
    static Path dir;
    private static ChromeDriver browser;
    private static Path page;

    @BeforeAll
    static void writeReportAndOpenBrowser() throws Exception {
        Path media = TestVideo.write(dir.resolve("media/vod.mp4"), 60);

        String view = """
                {"highlights":{"final":true,"items":[
                  {"highlightId":"h-1","revision":1,"startSec":31.0,"endSec":44.0,"peakSec":36.0,"score":2.2,
                   "reason":"chat EXCEPTIONAL 25 msg/s, audio +2.9 sd","rank":1},
                  {"highlightId":"h-2","revision":1,"startSec":8.0,"endSec":19.0,"peakSec":12.0,"score":1.6,
                   "reason":"chat HIGH 11 msg/s","rank":2}]}}
                """;
        List<ScoreTimeline.Second> seconds = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            double chat = s >= 31 && s < 44 ? 0.9 : s >= 8 && s < 19 ? 0.6 : 0.1;
            seconds.add(new ScoreTimeline.Second(s, (int) (chat * 30), chat, "NONE", chat * 0.8, -20, 0.3,
                    5, s == 31, s > 50));
        }
        Path out = dir.resolve("out");
        page = Report.writeHtml(out, "browser test", Report.videoSource(out, media.toUri().toString()),
                Report.highlights(new ObjectMapper().readTree(view)), seconds);

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required", "--allow-file-access-from-files",
                "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void rendersTheTimelineListsTheHighlightsAndAClickSeeksThePlayer() {
        browser.get(page.toUri().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        JavascriptExecutor js = browser;

        List<WebElement> rows = browser.findElements(By.cssSelector("#highlights tbody tr.highlight"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("00:31").contains("00:44").contains("chat EXCEPTIONAL 25 msg/s");
        assertThat(rows.get(1).getText()).contains("00:08").contains("chat HIGH");

        // The timeline was drawn: the highlight band's colour is on the canvas where the first highlight is.
        Object bandAlpha = js.executeScript("""
                var c = document.getElementById('timeline'); var g = c.getContext('2d');
                var x = Math.round(37.5 / 60 * c.width); return g.getImageData(x, 5, 1, 1).data[3];""");
        assertThat(((Number) bandAlpha).intValue()).isGreaterThan(0);

        // The player loads the source through its relative path.
        wait.until(d -> ((Number) js.executeScript("return document.getElementById('player').readyState;"))
                .intValue() >= 1);
        assertThat(((Number) js.executeScript("return document.getElementById('player').duration;")).doubleValue())
                .isBetween(59.0, 61.0);

        rows.get(0).click();
        wait.until(d -> currentTime(js) >= 30.5);
        assertThat(currentTime(js)).isBetween(30.5, 35.0);
        assertThat(rows.get(0).getAttribute("class")).contains("playing");

        rows.get(1).click();
        wait.until(d -> currentTime(js) < 20);
        assertThat(currentTime(js)).isBetween(7.5, 12.0);
    }

    private static double currentTime(JavascriptExecutor js) {
        return ((Number) js.executeScript("return document.getElementById('player').currentTime;")).doubleValue();
    }
}
