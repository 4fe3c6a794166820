#!/usr/bin/env python3
"""Interleaved paired timing of whole commands on a shared, noisy machine.

Each round runs every command once, in a shuffled order (so load changes hit all of them alike); prints
each command's median wall time and its per-round ratio to the first command (median and quartiles),
then the load average.

    bench/interleave.py 40 'OLD/bin/jconcurrent -j 1 /bin/true ::: 1' 'bin/jconcurrent -j 1 /bin/true ::: 1' \
        'parallel --will-cite /bin/true ::: 1'
    bench/interleave.py 16 'seq 2000 | OLD/bin/jconcurrent -j 2 /bin/true' 'seq 2000 | bin/jconcurrent -j 2 /bin/true'
"""
import random, statistics, subprocess, sys, time
rounds = int(sys.argv[1]); cmds = sys.argv[2:]
times = {c: [] for c in cmds}
for r in range(rounds):
    order = cmds[:]; random.shuffle(order)
    for c in order:
        t = time.perf_counter()
        p = subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[c].append(time.perf_counter() - t)
        if p.returncode != 0:
            print("FAILED", c, p.returncode, file=sys.stderr)
base = cmds[0]
for c in cmds:
    ratios = sorted(a / b for a, b in zip(times[c], times[base]))
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    print(f"{statistics.median(times[c]) * 1000:9.1f} ms median  ratio to first: median {statistics.median(ratios):.3f} (IQR {q[0]:.3f}-{q[2]:.3f})  {c}")
print("load:", open("/proc/loadavg").read().strip())
