#!/usr/bin/env python3
"""Turns bench/compare.sh's raw measurements into a table of medians and ratios, docs/bench.md and
docs/bench.svg. Standard library only.

Input: a TSV of `workload tool wall_s peak_rss_kb metrics` rows, metrics as `name=value;...`.
"""
import argparse
import datetime
import statistics
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

MIB = 1024.0
# The reference's figure on this machine (shared/reference/baseline.md), not measured in this run.
REFERENCE_ASYNCIO_FN_RATE = 60_000


def load(path):
    runs = defaultdict(list)
    for line in Path(path).read_text().splitlines():
        if not line.strip():
            continue
        workload, tool, wall, rss, metrics, cpu = (line.split("\t") + ["", ""])[:6]
        m = {}
        for kv in metrics.split(";"):
            if "=" in kv:
                k, v = kv.split("=", 1)
                m[k] = float(v)
        runs[(workload, tool)].append({"wall": float(wall), "rss_kb": float(rss),
                                       "cpu": float(cpu) if cpu else float("nan"), **m})
    return runs


def med(runs, key):
    vals = [r[key] for r in runs if key in r]
    return statistics.median(vals) if vals else None


class Row:
    def __init__(self, workload, tool, wall, rss_mib, figure, ratio, target, met, chart_value, chart_label):
        self.__dict__.update(locals())
        del self.__dict__["self"]


def fmt(x, spec):
    return "n/a" if x is None else format(x, spec)


def build_rows(runs, args):
    rows = []
    n = args.spawn_n
    out_mib = args.out_bytes / MIB / MIB

    def add(r, row):
        row.cpu = med(r, "cpu")
        rows.append(row)

    def tools_of(w):
        return [t for (wl, t) in runs if wl == w]

    for p in (2, 8):
        w = f"spawn_true_w{p}"
        base = med(runs.get((w, "xargs"), []), "wall")
        for t in tools_of(w):
            r = runs[(w, t)]
            wall = med(r, "wall")
            rate = n / wall
            ratio = base / wall if base else None
            is_jc = t == "jconcurrent"
            target = "≥ 0.9 × xargs" if (is_jc and p == 2) else ""
            met = ("yes" if ratio >= 0.9 else "no") if (is_jc and p == 2 and ratio) else ""
            add(r, Row(f"1. {n} × true, {p} workers", t, wall, med(r, "rss_kb") / MIB,
                            f"{rate:,.0f} tasks/s", f"{ratio:.2f} × xargs rate" if ratio else "",
                            target, met, ratio, f"{rate:,.0f}/s"))

    w = "seed"
    for t in tools_of(w):
        r = runs[(w, t)]
        wall = med(r, "wall")
        inlib = med(r, "run_s")
        fig = f"whole {wall - 7.0:+.3f} s vs 7.0 s"
        target, met = "", ""
        if inlib is not None:
            fig += f"; in library {1000 * (inlib - 7.0):+.1f} ms"
            target = "in library ≤ +10 ms"
            met = "yes" if inlib - 7.0 <= 0.010 else "no"
        add(r, Row("2. seed example (ideal 7.0 s)", t, wall, med(r, "rss_kb") / MIB, fig,
                        f"{wall / 7.0:.3f} × ideal", target, met, 7.0 / wall, f"{wall:.3f} s"))

    for w, label in (("fn_noop_w4", "4 workers"), ("fn_noop_unlimited", "unlimited")):
        for t in tools_of(w):
            r = runs[(w, t)]
            rate = med(r, "rate_per_s")
            rss = med(r, "rss_kb") / MIB
            is4 = w == "fn_noop_w4"
            add(r, Row(f"3. 1,000,000 no-op functions, {label}", t, med(r, "wall"), rss,
                            f"{fmt(rate, ',.0f')} tasks/s (in library)",
                            f"{rate / REFERENCE_ASYNCIO_FN_RATE:.1f} × reference asyncio (60k/s, baseline.md)"
                            if rate else "",
                            "≥ 1,000,000/s, RSS < 300 MiB" if is4 else "RSS < 300 MiB",
                            ("yes" if (rate or 0) >= 1e6 and rss < 300 else "no") if is4
                            else ("yes" if rss < 300 else "no"),
                            (rate or 0) / 1e6, f"{fmt(rate, ',.0f')}/s"))

    for w, label in (("timeout", "sleep 300"), ("timeout_tree", "sh with a sleeping child")):
        for t in tools_of(w):
            r = runs[(w, t)]
            wall = med(r, "wall")
            late = med(r, "late_ms")
            if t == "jconcurrent":
                fig = f"result {late:.1f} ms after the deadline, tree gone (in library)"
                target = "≤ 20 ms"
                met = "yes" if late <= 20 else "no"
            elif t == "coreutils_timeout":
                late = (wall - 1.0) * 1000
                fig = f"exits {late:.1f} ms after the deadline (whole process)"
                target, met = "", ""
            else:
                late = (wall - 1.0) * 1000
                fig = f"exits {late:.1f} ms after the deadline (whole process, incl. start-up)"
                target, met = "", ""
            add(r, Row(f"4. timeout 1 s, {label}", t, wall, med(r, "rss_kb") / MIB, fig, "",
                            target, met, late, f"{late:.0f} ms late"))

    w = "output"
    for t in tools_of(w):
        r = runs[(w, t)]
        rss = med(r, "rss_kb") / MIB
        ratio = rss / out_mib
        target, met = "", ""
        if t == "jconcurrent_whole":
            target = "RSS ≤ 1.5 × output"
            met = "yes" if ratio <= 1.5 else "no"
        elif t == "jconcurrent_files":
            target = "constant memory"
            met = "yes" if rss < 100 else "no"
        add(r, Row(f"5. {args.out_bytes / 1e6:.0f} MB to stdout", t, med(r, "wall"), rss,
                        f"wall {med(r, 'wall'):.2f} s", f"RSS {ratio:.2f} × output", target, met, ratio,
                        f"{rss:.0f} MiB"))

    w = "startup"
    base = med(runs.get((w, "parallel"), []), "wall")
    for t in tools_of(w):
        r = runs[(w, t)]
        wall = med(r, "wall")
        ratio = wall / base if base else None
        is_jc = t == "jconcurrent"
        add(r, Row("6. one-task start-up", t, wall, med(r, "rss_kb") / MIB, f"{wall * 1000:.0f} ms",
                        f"{ratio:.2f} × parallel's time" if ratio else "",
                        "≤ 1.0 × parallel" if is_jc else "",
                        ("yes" if ratio <= 1.0 else "no") if (is_jc and ratio) else "",
                        base / wall if base else None, f"{wall * 1000:.0f} ms"))
    return rows


def table(rows):
    head = ("| workload | tool | median wall s | median cpu s | median peak RSS MiB | figure | ratio | target "
            "| met |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        lines.append(f"| {r.workload} | {r.tool} | {r.wall:.3f} | {fmt(r.cpu, '.2f')} | {r.rss_mib:.1f} | {r.figure} | "
                     f"{r.ratio} | {r.target} | {r.met} |")
    return "\n".join(lines)


def svg(rows, title):
    """One horizontal bar per (workload, tool); bars within a workload are scaled to its largest."""
    groups = defaultdict(list)
    order = []
    for r in rows:
        if r.workload not in groups:
            order.append(r.workload)
        groups[r.workload].append(r)
    bar_h, gap, left, width = 16, 26, 250, 420
    notes = {
        "1": "tasks/s (longer is faster)", "2": "ideal / wall (longer is closer to 7.0 s)",
        "3": "million tasks/s", "4": "ms late after the deadline (shorter is better)",
        "5": "peak RSS / output size (shorter is better)", "6": "parallel's time / ours (longer is faster)",
    }
    height = 50 + sum(gap + bar_h * len(groups[w]) for w in order) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 160}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    colours = {"jconcurrent": "#1f77b4", "jconcurrent_whole": "#1f77b4", "jconcurrent_files": "#6baed6",
               "xargs": "#7f7f7f", "parallel": "#ff7f0e", "coreutils_timeout": "#2ca02c",
               "jconcurrent_cli": "#08519c", "jconcurrent_jdk_spawn": "#9ecae1"}
    y = 44
    for w in order:
        rs = groups[w]
        num = w.split(".")[0]
        out.append(f'<text x="10" y="{y + 12}" font-weight="bold">{escape(w)}</text>')
        out.append(f'<text x="{left}" y="{y + 12}" fill="#555">{escape(notes.get(num, ""))}</text>')
        y += gap - 6
        top = max((r.chart_value or 0) for r in rs) or 1
        for r in rs:
            v = r.chart_value or 0
            wpx = max(1, int(width * v / top))
            out.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end">{escape(r.tool)}</text>')
            out.append(f'<rect x="{left}" y="{y + 2}" width="{wpx}" height="{bar_h - 4}" '
                       f'fill="{colours.get(r.tool, "#999")}"/>')
            out.append(f'<text x="{left + wpx + 6}" y="{y + 12}">{escape(r.chart_label)}</text>')
            y += bar_h
        y += 6
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("docs")
    ap.add_argument("--machine", default="")
    ap.add_argument("--java", default="")
    ap.add_argument("--command", default="bench/compare.sh")
    ap.add_argument("--spawn-n", type=int, default=2000)
    ap.add_argument("--out-bytes", type=int, default=200_000_000)
    ap.add_argument("--cli", default="no")
    args = ap.parse_args()
    runs = load(args.results)
    rows = build_rows(runs, args)
    t = table(rows)
    print(t)
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    docs = Path(args.docs)
    docs.mkdir(parents=True, exist_ok=True)
    reps = {k: len(v) for k, v in runs.items()}
    how = ("bin/jconcurrent (the CLI)" if args.cli == "yes" else
           "the library, through io.jconcurrent.bench.Workloads in a JVM of its own (no CLI yet)")
    md = f"""# Benchmarks

Produced by `{args.command}` on {date}.

* Machine: {args.machine}
* Java: {args.java}
* jconcurrent workloads 1, 2 and 6 ran through {how}.
* Each figure is the median of {min(reps.values()) if reps else 0}–{max(reps.values()) if reps else 0} runs
  (tools interleaved within each round). Wall and peak RSS are whole-process (`/usr/bin/time`);
  "in library" figures are `System.nanoTime()` inside the JVM. The machine is shared and noisy:
  read the ratios, not the absolute numbers.

{t}

![benchmark chart](bench.svg)
"""
    (docs / "bench.md").write_text(md)
    (docs / "bench.svg").write_text(svg(rows, f"jconcurrent vs xargs -P and GNU parallel ({date})"))
    print(f"\nwrote {docs / 'bench.md'} and {docs / 'bench.svg'}", file=sys.stderr)


if __name__ == "__main__":
    main()
