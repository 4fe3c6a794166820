package io.jconcurrent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code --timeline FILE.svg|.html}: a batch drawn as people would rather look at it than read a
 * joblog. One row per job slot, one bar per task from its start to its end, coloured by how it ended
 * (ok, failed, timed out, cancelled), its key, command and times in a tooltip on hover, and the time
 * axis labelled in seconds from the first start. An {@code .html} file is the same drawing in a page.
 * Made from a run's results, or from an existing joblog ({@link #fromJoblog}).
 */
final class Timeline {

    /** How a task ended. */
    enum Outcome {
        OK("ok", "#43a047"), FAILED("failed", "#e53935"), TIMED_OUT("timed out", "#fb8c00"),
        CANCELLED("cancelled", "#9e9e9e");

        final String label;
        final String colour;

        Outcome(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }
    }

    /**
     * One task's bar.
     *
     * @param slot    the job slot it ran in, from 1
     * @param key     its key, as text
     * @param command its command line, as text
     * @param start   when it started, in seconds since the epoch
     * @param seconds how long it ran
     * @param outcome how it ended
     * @param detail  the exit code or signal, as text
     */
    record Bar(int slot, String key, String command, double start, double seconds, Outcome outcome, String detail) {
    }

    private static final int WIDTH = 1000;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int ROW = 26;
    private static final int BAR = 18;

    private final List<Bar> bars;

    Timeline(List<Bar> bars) {
        this.bars = List.copyOf(bars);
    }

    List<Bar> bars() {
        return bars;
    }

    /**
     * The timeline of a joblog (GNU parallel's columns, as jconcurrent and parallel write them). A
     * joblog does not say which slot a task ran in: each task takes the lowest slot free at its start.
     *
     * @throws UsageException if the file cannot be read or is not a joblog
     */
    static Timeline fromJoblog(Path joblog) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(joblog, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read joblog " + joblog + ": " + TaskSources.reason(
                    e instanceof Exception x ? x : new RuntimeException(e)));
        }
        if (lines.isEmpty() || !lines.getFirst().startsWith("Seq\tHost\tStarttime\tJobRuntime")) {
            throw new UsageException(joblog + " is not a joblog: its first line is not GNU parallel's header "
                    + "(Seq, Host, Starttime, JobRuntime, ...)");
        }
        boolean keyed = lines.getFirst().endsWith("\tKey");
        List<double[]> times = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < 9) {
                throw new UsageException(joblog + ":" + (i + 1) + ": expected 9 tab-separated columns, got " + f.length);
            }
            try {
                times.add(new double[] {Double.parseDouble(f[2].strip()), Double.parseDouble(f[3].strip())});
            } catch (NumberFormatException e) {
                throw new UsageException(joblog + ":" + (i + 1) + ": Starttime and JobRuntime must be numbers");
            }
            rows.add(f);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> times.get(i)[0]));
        List<Double> slotFreeAt = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (int i : order) {
            String[] f = rows.get(i);
            double start = times.get(i)[0];
            double run = times.get(i)[1];
            int slot = 0;
            while (slot < slotFreeAt.size() && slotFreeAt.get(slot) > start + 1e-9) {
                slot++;
            }
            if (slot == slotFreeAt.size()) {
                slotFreeAt.add(start + run);
            } else {
                slotFreeAt.set(slot, start + run);
            }
            int exit = parseInt(f[6]);
            int signal = parseInt(f[7]);
            Outcome outcome = exit == -1 ? Outcome.TIMED_OUT : exit == 0 && signal == 0 ? Outcome.OK : Outcome.FAILED;
            String detail = signal != 0 ? "signal " + signal : "exit " + exit;
            String key = keyed && f.length > 9 ? f[9] : f[0];
            bars.add(new Bar(slot + 1, key, f[8], start, run, outcome, detail));
        }
        return new Timeline(bars);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the timeline to {@code file}: an HTML page if its name ends in .html or .htm, else an SVG. */
    void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String svg = svg();
        String text = name.endsWith(".html") || name.endsWith(".htm") ? html(svg) : svg;
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String html(String svg) {
        long ok = bars.stream().filter(b -> b.outcome() == Outcome.OK).count();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>jconcurrent timeline</title>\n"
                + "<style>body{font-family:sans-serif;margin:16px;color:#212121}"
                + "svg rect.task:hover{stroke:#212121;stroke-width:2}</style>\n</head>\n<body>\n"
                + "<h1 style=\"font-size:18px\">jconcurrent timeline: " + bars.size() + " tasks, " + ok + " ok</h1>\n"
                + svg + "</body>\n</html>\n";
    }

    /** The drawing. */
    String svg() {
        double t0 = bars.stream().mapToDouble(Bar::start).min().orElse(0);
        double t1 = bars.stream().mapToDouble(b -> b.start() + b.seconds()).max().orElse(t0 + 1);
        double span = Math.max(t1 - t0, 1e-3);
        int slots = bars.stream().mapToInt(Bar::slot).max().orElse(1);
        int height = TOP + slots * ROW + 40;
        double scale = (WIDTH - LEFT - RIGHT) / span;
        StringBuilder sb = new StringBuilder(4096 + bars.size() * 256);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.append("<title>jconcurrent timeline</title>\n");
        // legend
        int lx = LEFT;
        for (Outcome o : Outcome.values()) {
            sb.append("<rect x=\"").append(lx).append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"").append(o.colour)
                    .append("\"/><text x=\"").append(lx + 16).append("\" y=\"18\">").append(o.label).append("</text>\n");
            lx += 110;
        }
        // axis: about 8 labelled ticks at a round step
        double step = niceStep(span / 8);
        int axisY = TOP + slots * ROW + 4;
        sb.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(axisY).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(axisY).append("\" stroke=\"#616161\"/>\n");
        for (double t = 0; t <= span + step / 1000; t += step) {
            double x = LEFT + t * scale;
            sb.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP - 4).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(axisY + 4).append("\" stroke=\"#e0e0e0\"/>\n");
            sb.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(axisY + 18)
                    .append("\" text-anchor=\"middle\">").append(seconds(t, step)).append("</text>\n");
        }
        sb.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(axisY + 34)
                .append("\" text-anchor=\"end\">seconds since the first start</text>\n");
        for (int s = 1; s <= slots; s++) {
            int y = TOP + (s - 1) * ROW;
            sb.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + BAR - 4)
                    .append("\" text-anchor=\"end\">slot ").append(s).append("</text>\n");
        }
        for (Bar b : bars) {
            double x = LEFT + (b.start() - t0) * scale;
            double w = Math.max(1.5, b.seconds() * scale);
            int y = TOP + (b.slot() - 1) * ROW;
            sb.append("<rect class=\"task\" x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"")
                    .append(fmt(w)).append("\" height=\"").append(BAR).append("\" rx=\"2\" fill=\"")
                    .append(b.outcome().colour).append("\"><title>")
                    .append(escape("task " + b.key() + ": " + b.command() + "\nstarted at +"
                            + String.format(Locale.ROOT, "%.3f", b.start() - t0) + " s, ran "
                            + String.format(Locale.ROOT, "%.3f", b.seconds()) + " s, " + b.outcome().label + " ("
                            + b.detail() + ")"))
                    .append("</title></rect>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String seconds(double t, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + decimals + "f", t);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text made safe for XML: markup characters escaped, control characters (but newline and tab) dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\n', '\t' -> sb.append(c);
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
