package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code --timeline}: a run, or an existing joblog, drawn as an SVG (or an HTML page), checked as a
 * document and as a picture: headless Chromium (Debian's package, which {@code .ci/run} installs)
 * renders it, and the screenshot must show the bars in their colours.
 */
class CliTimelineTest extends RealCliTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** A run with a success, a failure and a timeout, three at a time. */
    private Cli.Result run(String timeline) throws Exception {
        return cli.run("-j", "3", "--timeout", "1", "--joblog", "jobs.tsv", "--timeline", timeline, "-q", "sh", "-c",
                "sleep $0; [ $0 != 0.4 ]", ":::", "0.1", "0.3", "5", "0.2", "0.4");
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> bars(Document svg) {
        NodeList rects = svg.getElementsByTagName("rect");
        List<Element> bars = new java.util.ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (e.getAttribute("class").equals("task")) {
                bars.add(e);
            }
        }
        return bars;
    }

    @Test
    void aRunIsDrawnOneBarPerTaskColouredByHowItEnded() throws Exception {
        Cli.Result r = run("run.svg");

        assertThat(r.exit()).isEqualTo(2); // the 5 s task timed out, the 0.4 s one failed
        List<Element> bars = bars(parse(dir.resolve("run.svg")));
        assertThat(bars).hasSize(5);
        assertThat(bars).extracting(b -> b.getAttribute("fill")).contains(Timeline.Outcome.OK.colour,
                Timeline.Outcome.FAILED.colour, Timeline.Outcome.TIMED_OUT.colour);
        assertThat(bars).extracting(b -> b.getElementsByTagName("title").item(0).getTextContent())
                .anySatisfy(t -> assertThat(t).startsWith("task 3: sh -c").contains("timed out"));
        String svg = Files.readString(dir.resolve("run.svg"));
        assertThat(svg).contains("slot 1", "slot 3", "seconds since the first start").doesNotContain("slot 4");
    }

    @Test
    void aJoblogIsDrawnWithoutRunningAnything() throws Exception {
        run("unused.svg");

        Cli.Result r = cli.run("--timeline", "from-log.html", "--from-joblog", "jobs.tsv");

        assertThat(r.exit()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("from-log.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("5 tasks");
        assertThat(html.split("class=\"task\"", -1)).hasSize(6);
    }

    @Test
    void aJoblogThatIsNotOneIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("not.tsv"), "hello\n");

        Cli.Result r = cli.run("--timeline", "x.svg", "--from-joblog", "not.tsv");
        Cli.Result noTimeline = cli.run("--from-joblog", "not.tsv");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a joblog");
        assertThat(noTimeline.exit()).isEqualTo(2);
        assertThat(noTimeline.err()).contains("--timeline");
    }

    @Test
    void headlessChromiumShowsTheBars() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (/usr/bin/chromium): the picture is not "
                + "checked here; .ci/run installs Debian's chromium so CI checks it");
        run("run.svg");
        Cli.Result page = cli.run("--timeline", "page.html", "--from-joblog", "jobs.tsv");
        assertThat(page.exit()).isZero();

        for (String name : List.of("run.svg", "page.html")) {
            BufferedImage shot = screenshot(dir.resolve(name));
            Set<Integer> colours = new HashSet<>();
            long nonWhite = 0;
            for (int y = 0; y < shot.getHeight(); y++) {
                for (int x = 0; x < shot.getWidth(); x++) {
                    int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    if (rgb != 0xFFFFFF) {
                        nonWhite++;
                    }
                }
            }
            assertThat(nonWhite).as(name + ": pixels drawn").isGreaterThan(shot.getWidth() * shot.getHeight() / 50L);
            for (Timeline.Outcome o : List.of(Timeline.Outcome.OK, Timeline.Outcome.FAILED,
                    Timeline.Outcome.TIMED_OUT)) {
                assertThat(colours).as(name + ": " + o.label + " bars").contains(Integer.parseInt(o.colour.substring(1),
                        16));
            }
        }
    }

    private BufferedImage screenshot(Path page) throws Exception {
        Path png = dir.resolve(page.getFileName() + ".png");
        Path profile = Files.createTempDirectory(dir, "chromium");
        ProcessBuilder pb = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1024,400",
                "--screenshot=" + png, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile());
        pb.environment().put(ProcessLeaks.MARK_VARIABLE, marker);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            ProcessLeaks.killAll(marker);
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(dir.resolve("chromium.log")));
        }
        // Chromium's helper processes end just after it; wait for them so the leak check sees none.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ProcessLeaks.withMarker(marker).isEmpty() && System.nanoTime() < deadline) {
            ProcessLeaks.pause(50);
        }
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();
        return ImageIO.read(png.toFile());
    }
}
