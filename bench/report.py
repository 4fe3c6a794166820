#!/usr/bin/env python3
"""Turns bench/compare.sh's raw measurements into bench.md (a table of medians per tool, and the
issue's targets judged by paired ratios), bench.svg and nothing else. Standard library only.

Input: a TSV of `round workload tool wall_s peak_rss_kb metrics cpu_s load1` rows, metrics as
`name=value;...`. A paired ratio is taken between two tools' runs in the same round (each round runs
every tool of a workload once, one after the other); the table gives the median of those ratios and
their range.
"""
import argparse
import datetime
import math
import statistics
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

MIB = 1024.0


def load(path):
    runs = defaultdict(list)
    for line in Path(path).read_text().splitlines():
        if not line.strip():
            continue
        rnd, workload, tool, wall, rss, metrics, cpu, load1 = (line.split("\t") + [""] * 8)[:8]
        m = {}
        for kv in metrics.split(";"):
            if "=" in kv:
                k, v = kv.split("=", 1)
                m[k] = float(v)
        runs[(workload, tool)].append({"round": int(rnd), "wall": float(wall), "rss": float(rss) / MIB,
                                       "cpu": float(cpu) if cpu else math.nan,
                                       "load": float(load1) if load1 else math.nan, **m})
    return runs


class Data:
    def __init__(self, runs):
        self.runs = runs

    def tools(self, workload):
        return [t for (w, t) in self.runs if w == workload]

    def med(self, workload, tool, key):
        vals = [r[key] for r in self.runs.get((workload, tool), []) if key in r and not math.isnan(r[key])]
        return statistics.median(vals) if vals else None

    def values(self, workload, tool, key):
        return [r[key] for r in self.runs.get((workload, tool), []) if key in r]

    def paired(self, workload, a, key_a, b, key_b, fn):
        """fn(a's value, b's value) for each round where both ran: (median, low, high, n) or None."""
        by_round = {r["round"]: r for r in self.runs.get((workload, b), []) if key_b in r}
        vals = []
        for r in self.runs.get((workload, a), []):
            other = by_round.get(r["round"])
            if other is not None and key_a in r:
                try:
                    vals.append(fn(r[key_a], other[key_b]))
                except ZeroDivisionError:
                    pass
        if not vals:
            return None
        return statistics.median(vals), min(vals), max(vals), len(vals)


def fmt(x, spec):
    return "n/a" if x is None else format(x, spec)


def rng(p, spec, unit=""):
    if p is None:
        return "n/a"
    m, lo, hi, n = p
    return f"{m:{spec}}{unit} [{lo:{spec}}–{hi:{spec}}, {n} rounds]"


def figures(d, a):
    """(workload title, tool, figure text, chart value, chart label) for every measured (workload, tool)."""
    rows = []

    def add(w, title, t, text, value, label):
        rows.append((w, title, t, text, value, label))

    n = a.spawn_n
    for t in d.tools("spawn"):
        wall, cpu = d.med("spawn", t, "wall"), d.med("spawn", t, "cpu")
        inlib = d.med("spawn", t, "rate_per_s")
        text = f"{n / wall:,.0f} tasks/s whole process; CPU {1000 * cpu / n:.2f} ms/task"
        if inlib:
            text += f"; {inlib:,.0f}/s inside"
        add("spawn", f"1. {n} × /bin/true, 2 workers", t, text, n / wall, f"{n / wall:,.0f}/s")
    for t in d.tools("seed"):
        wall = d.med("seed", t, "wall")
        first, warm = d.med("seed", t, "first_overhead_ms"), d.med("seed", t, "warm_overhead_ms")
        if first is not None:
            text = f"first batch {first:+.1f} ms" + (f", second batch {warm:+.1f} ms" if warm is not None else "")
            text += " (inside the process)"
            value, label = 7.0 / (7.0 + first / 1000), f"{first:+.0f} ms"
        else:
            text = f"whole process {1000 * (wall - 7.0):+.0f} ms"
            value, label = 7.0 / wall, f"{1000 * (wall - 7.0):+.0f} ms"
        add("seed", "2. seed example, first batch (ideal 7.0 s)", t, text, value, label)
    for t in d.tools("sleep1"):
        tr = d.med("sleep1", t, "time_run_ms")
        add("sleep1", "2. `sleep 1`'s timeRun, first batch", t, f"time_run {tr:.1f} ms", 1000 / tr, f"{tr:.0f} ms")
    for t in d.tools("worker_fn"):
        rate = d.med("worker_fn", t, "rate_per_s")
        add("worker_fn", f"3. {a.wfn_n:,} no-op functions in worker processes, 2 workers, pool start included",
            t, f"{rate:,.0f} tasks/s", rate, f"{rate:,.0f}/s")
    for t in d.tools("worker_pool"):
        s = d.med("worker_pool", t, "run_s")
        add("worker_pool", "3. worker pool start (2 no-op tasks, 2 workers)", t, f"{1000 * s:.0f} ms", 1 / max(s, 1e-3),
            f"{1000 * s:.0f} ms")
    for t in d.tools("fn_in_process"):
        rate = d.med("fn_in_process", t, "rate_per_s")
        n_fn = a.fn_n if t.startswith("jconcurrent") else a.afn_n
        add("fn_in_process", "3. no-op functions in process, 4 workers", t,
            f"{rate:,.0f} tasks/s ({n_fn:,} tasks); peak RSS {d.med('fn_in_process', t, 'rss'):.0f} MiB",
            rate, f"{rate:,.0f}/s")
    for w, title in (("timeout_sleep", "4. 1 s timeout on `sleep`, fresh process"),
                     ("timeout_tree", "4. 1 s timeout on a tree with a `setsid` grandchild, fresh process"),
                     ("timeout_loaded", f"4. 1 s timeout on the tree, fresh process, under {a.load_loops} busy loops")):
        for t in d.tools(w):
            late, call = d.med(w, t, "late_ms"), d.med(w, t, "late_from_call_ms")
            alive = d.values(w, t, "left_alive")
            gone = "tree gone" if alive and max(alive) == 0 else \
                f"**{int(max(alive))} process(es) left alive**" if alive else "tree not checked"
            if late is not None:
                text = f"result {late:.1f} ms after the deadline, {call:.1f} ms after call + 1 s; {gone}"
                value = late
            else:
                text = f"exits {call:.0f} ms after start + 1 s (whole process); {gone}"
                value = call
            add(w, title, t, text, value, f"{value:.0f} ms")
    for flag in ("joblog", "json", "keep_order"):
        w = f"cli_rss_{flag}"
        for t in d.tools(w):
            rss = d.med(w, t, "rss")
            add(w, f"5. CLI peak RSS, {flag.replace('_', ' ')}", t, f"{rss:.1f} MiB", rss, f"{rss:.0f} MiB")
    out_mib = a.out_bytes / MIB / MIB
    for t in d.tools("output"):
        rss, wall = d.med("output", t, "rss"), d.med("output", t, "wall")
        add("output", f"6. {a.out_bytes / 1e6:.0f} MB of stdout captured", t,
            f"peak RSS {rss:.0f} MiB = {rss / out_mib:.2f} × output; wall {wall:.2f} s", rss, f"{rss:.0f} MiB")
    for t in d.tools("startup"):
        wall = d.med("startup", t, "wall")
        add("startup", "7. one-task start-up", t, f"{1000 * wall:.0f} ms", 1 / max(wall, 0.005), f"{1000 * wall:.0f} ms")
    return rows


def targets(d, a, ref_ran):
    """(target, what is compared, paired result text, met) rows: the issue's targets, judged here."""
    out = []
    noref = "n/a: the reference did not run"

    def judge(p, ok):
        return "n/a" if p is None else ("yes" if ok(p[0]) else "no")

    ratio = lambda x, y: x / y  # noqa: E731
    for tool, label in (("jconcurrent_cli", "CLI"), ("jconcurrent_lib", "library")):
        p = d.paired("spawn", "pyc_mp", "wall", tool, "wall", ratio)
        out.append((f"T1. spawning, {label}: rate ≥ reference MP", f"{label} rate / pyconcurrent MP rate",
                    rng(p, ".2f", " ×") if ref_ran else noref, judge(p, lambda v: v >= 1.0)))
        p = d.paired("spawn", "xargs", "wall", tool, "wall", ratio)
        out.append((f"T1. spawning, {label}: rate ≥ 1.2 × xargs", f"{label} rate / xargs rate",
                    rng(p, ".2f", " ×"), judge(p, lambda v: v >= 1.2)))
        p = d.paired("spawn", tool, "cpu", "pyc_mp", "cpu", ratio)
        out.append((f"T1. spawning, {label}: CPU per task ≤ reference MP", f"{label} CPU / pyconcurrent MP CPU",
                    rng(p, ".2f", " ×") if ref_ran else noref, judge(p, lambda v: v <= 1.0)))
    vals = d.values("seed", "jconcurrent_lib", "first_overhead_ms")
    m = statistics.median(vals) if vals else None
    warm = d.med("seed", "jconcurrent_lib", "warm_overhead_ms")
    out.append(("T2. seed example, library's first batch ≤ 7.0 s + 20 ms", "first batch − 7.0 s (second batch)",
                f"{fmt(m, '+.1f')} ms [{fmt(min(vals) if vals else None, '+.1f')}–"
                f"{fmt(max(vals) if vals else None, '+.1f')}] ({fmt(warm, '+.1f')} ms)",
                "n/a" if m is None else ("yes" if m <= 20 else "no")))
    p = d.paired("seed", "jconcurrent_cli", "wall", "parallel", "wall", ratio)
    out.append(("T2. seed example, CLI whole process ≤ GNU parallel", "CLI wall / parallel wall",
                rng(p, ".3f", " ×"), judge(p, lambda v: v <= 1.0)))
    vals = d.values("sleep1", "jconcurrent_lib", "time_run_ms")
    m = statistics.median(vals) if vals else None
    out.append(("T2. `sleep 1`'s timeRun in the first batch ≤ 1 s + 20 ms", "timeRun",
                f"{fmt(m, '.1f')} ms [{fmt(min(vals) if vals else None, '.1f')}–{fmt(max(vals) if vals else None, '.1f')}]",
                "n/a" if m is None else ("yes" if abs(m - 1000) <= 20 else "no")))
    for w, what in (("timeout_sleep", "`sleep`"), ("timeout_tree", "tree")):
        vals = d.values(w, "jconcurrent_lib", "late_ms")
        call = d.med(w, "jconcurrent_lib", "late_from_call_ms")
        alive = d.values(w, "jconcurrent_lib", "left_alive")
        m = statistics.median(vals) if vals else None
        gone = bool(alive) and max(alive) == 0
        out.append((f"T2. 1 s timeout on {what}, fresh JVM: result ≤ 20 ms after the deadline, tree gone",
                    "deadline to result (call + 1 s to result); survivors",
                    f"{fmt(m, '.1f')} ms [{fmt(min(vals) if vals else None, '.1f')}–"
                    f"{fmt(max(vals) if vals else None, '.1f')}] ({fmt(call, '.1f')} ms); "
                    f"{'none left' if gone else 'SURVIVORS' if alive else 'not checked'}",
                    "n/a" if m is None else ("yes" if m <= 20 and gone else "no")))
    p = d.paired("timeout_loaded", "jconcurrent_lib", "late_ms", "pyc_asyncio", "late_ms", lambda x, y: x - y)
    pc = d.paired("timeout_loaded", "jconcurrent_lib", "late_from_call_ms", "pyc_asyncio", "late_from_call_ms",
                  lambda x, y: x - y)
    alive = d.values("timeout_loaded", "jconcurrent_lib", "left_alive")
    out.append((f"T2. 1 s timeout under load ({a.load_loops} busy loops): no later than the reference",
                "jconcurrent − pyconcurrent asyncio, from the deadline (from the call)",
                (rng(p, "+.1f", " ms") + f" ({rng(pc, '+.1f', ' ms')})") if ref_ran else noref,
                judge(p, lambda v: v <= 0) if alive and max(alive) == 0 else "no"))
    p = d.paired("worker_fn", "jconcurrent_lib", "rate_per_s", "pyc_mp", "rate_per_s", ratio)
    out.append(("T3. worker-process no-op functions, 2 workers, pool start included: rate ≥ reference MP",
                "jconcurrent rate / pyconcurrent MP rate", rng(p, ".2f", " ×") if ref_ran else noref,
                judge(p, lambda v: v >= 1.0)))
    p = d.paired("worker_pool", "jconcurrent_lib", "run_s", "pyc_mp", "run_s", ratio)
    out.append(("T3. worker pool start no slower than the reference's", "jconcurrent time / pyconcurrent MP time",
                rng(p, ".2f", " ×") if ref_ran else noref, judge(p, lambda v: v <= 1.0)))
    for flag in ("joblog", "json", "keep_order"):
        w = f"cli_rss_{flag}"
        p = d.paired(w, f"n{a.rss_big}", "rss", f"n{a.rss_small}", "rss", lambda x, y: x - y)
        out.append((f"T4. CLI RSS flat with {flag.replace('_', ' ')}: {a.rss_big:,} tasks ≤ {a.rss_small:,} + 10 MiB",
                    f"RSS at {a.rss_big:,} − RSS at {a.rss_small:,}", rng(p, "+.1f", " MiB"),
                    judge(p, lambda v: v <= 10)))
    p = d.paired("output", "jconcurrent_whole", "rss", "pyc_asyncio", "rss", ratio)
    out.append(("T5. 200 MB captured whole: peak RSS no worse than the reference", "jconcurrent RSS / pyconcurrent RSS",
                rng(p, ".2f", " ×") if ref_ran else noref, judge(p, lambda v: v <= 1.0)))
    for tool, what in (("jconcurrent_bytes", "kept as exact bytes (`OutputPolicy.bytes()`)"),
                       ("jconcurrent_files", "streamed to files")):
        p = d.paired("output", tool, "rss", "pyc_asyncio", "rss", ratio)
        out.append((f"T5. 200 MB {what}: peak RSS ≤ reference / 1.5", "jconcurrent RSS / pyconcurrent RSS",
                    rng(p, ".2f", " ×") if ref_ran else noref, judge(p, lambda v: v <= 1 / 1.5)))
    p = d.paired("startup", "jconcurrent_cli", "wall", "parallel", "wall", ratio)
    out.append(("T6. one-task CLI start-up no slower than GNU parallel", "CLI wall / parallel wall",
                rng(p, ".2f", " ×"), judge(p, lambda v: v <= 1.0)))
    return out


def svg(rows, title):
    """One horizontal bar per (workload, tool); bars within a workload are scaled to its largest."""
    groups, order = defaultdict(list), []
    for r in rows:
        if r[1] not in groups:
            order.append(r[1])
        groups[r[1]].append(r)
    bar_h, gap, left, width = 16, 26, 200, 420
    height = 50 + sum(gap + bar_h * len(groups[w]) for w in order) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 160}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    y = 44
    for w in order:
        rs = groups[w]
        out.append(f'<text x="10" y="{y + 12}" font-weight="bold">{escape(w.replace("`", ""))}</text>')
        y += gap - 6
        top = max((r[4] or 0) for r in rs) or 1
        for r in rs:
            v = r[4] or 0
            wpx = max(1, int(width * v / top))
            colour = "#1f77b4" if r[2].startswith("jconcurrent") else "#ff7f0e" if r[2].startswith("pyc") else "#7f7f7f"
            out.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end">{escape(r[2])}</text>')
            out.append(f'<rect x="{left}" y="{y + 2}" width="{wpx}" height="{bar_h - 4}" fill="{colour}"/>')
            out.append(f'<text x="{left + wpx + 6}" y="{y + 12}">{escape(r[5])}</text>')
            y += bar_h
        y += 6
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("out")
    for opt in ("machine", "java", "command", "load", "reference", "minutes"):
        ap.add_argument(f"--{opt}", default="")
    for opt, dflt in (("spawn-n", 1000), ("out-bytes", 200_000_000), ("wfn-n", 100_000), ("fn-n", 1_000_000),
                      ("afn-n", 100_000), ("rss-small", 1000), ("rss-big", 100_000), ("load-loops", 2)):
        ap.add_argument(f"--{opt}", type=int, default=dflt)
    a = ap.parse_args()
    d = Data(load(a.results))
    ref_ran = any(t.startswith("pyc") for (_, t) in d.runs)
    frows = figures(d, a)
    lines = ["| workload | tool | median wall s | median CPU s | median peak RSS MiB | median load | figure |",
             "|---|---|---|---|---|---|---|"]
    for w, title, t, text, _, _ in frows:
        lines.append(f"| {title} | {t} | {d.med(w, t, 'wall'):.3f} | {fmt(d.med(w, t, 'cpu'), '.2f')} | "
                     f"{d.med(w, t, 'rss'):.1f} | {fmt(d.med(w, t, 'load'), '.2f')} | {text} |")
    tlines = ["| target | compared | paired result: median [range] | met |", "|---|---|---|---|"]
    for target, what, res, met in targets(d, a, ref_ran):
        tlines.append(f"| {target} | {what} | {res} | {met} |")
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    md = f"""# Benchmarks

Produced by `{a.command}` on {date}{f", in about {a.minutes} minutes" if a.minutes else ""}.

* Machine: {a.machine}; {a.load}
* Java: {a.java}
* Reference: {a.reference}.
* Each round runs every tool of a workload once, one after another; a ratio is taken between two tools
  in the same round, and the targets below give the median of those paired ratios and their range.
  Wall, CPU (user + system, children included) and peak RSS (the largest single process) are
  whole-process, from `/usr/bin/time`; "inside" figures are clocks inside the process. The machine
  is shared and noisy: read the paired ratios, not the absolute numbers, and the load beside them.
  Every run is in [bench-raw.tsv](bench-raw.tsv).
* `jconcurrent_cli` is `bin/jconcurrent`; `jconcurrent_lib` is the library in a JVM of its own
  (`io.jconcurrent.bench.Workloads`), starting tasks with `posix_spawn` (Java 22+, native access);
  `jconcurrent_lib_jdk` is the same with `-Djconcurrent.spawn=jdk` (the JDK's launcher and `setsid`).
  `pyc_mp` and `pyc_asyncio` are the reference's two runners (`bench/peers.py`).
  What limits each figure: [performance.md](performance.md).

## Targets (T1-T6: issue 13's numbering)

{chr(10).join(tlines)}

## Every tool

{chr(10).join(lines)}

![benchmark chart](bench.svg)

The cluster's figures (`bench/cluster.sh`) are in [bench-cluster.md](bench-cluster.md).
"""
    (out / "bench.md").write_text(md)
    (out / "bench.svg").write_text(svg(frows, f"jconcurrent beside pyconcurrent, xargs -P and GNU parallel ({date})"))
    print("\n".join(tlines))
    print(f"\nwrote {out / 'bench.md'} and {out / 'bench.svg'}", file=sys.stderr)


if __name__ == "__main__":
    main()
