#!/usr/bin/env python3
"""The peers' side of bench/compare.sh: the reference (pyconcurrent) running the same workloads as
io.jconcurrent.bench.Workloads, and a wrapper that times another tool against a 1 s timeout and then
checks, in /proc, that the task's whole tree is gone. Prints `METRIC name value` lines like Workloads.

  peers.py pyc spawn N WORKERS mp|asyncio   N x /bin/true (MP gets a timeout: with 0 it fails every task)
  peers.py pyc seed                         the seed example, asyncio, as the first batch
  peers.py pyc sleep1                       `sleep 1`'s time_run, asyncio, first batch
  peers.py pyc timeout sleep|tree           a 1 s timeout, asyncio (its best case for timeouts)
  peers.py pyc fn N WORKERS                 N no-op functions in the MP pool, the pool's start included
  peers.py pyc afn N WORKERS                N no-op async functions, asyncio, in process
  peers.py pyc output BYTES                 BYTES of stdout captured whole, asyncio
  peers.py wrap MARKER CMD...               runs CMD, reports how long after 1 s it exited, then scans
                                            /proc for processes whose command line holds MARKER

pyconcurrent is imported only by the `pyc` workloads (PYTHONPATH must name its src/ directory).
Survivors found by a scan were started by this benchmark; they are killed by pid.
"""
import asyncio
import os
import random
import signal
import subprocess
import sys
import time

TREE = "sleep {m} & setsid sleep {m} & sleep {m}; :"


def metric(name, value):
    print(f"METRIC {name} {value:.6f}", flush=True)


def ancestors():
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read()
            pid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError):
            break
    return pids


def marked(marker):
    """Pids of live processes (not this one or its ancestors, not doomed) whose command line holds marker."""
    needle, skip, found = marker.encode(), ancestors(), []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in skip:
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as f:
                if needle not in f.read():
                    continue
            if not doomed(name):
                found.append(int(name))
        except OSError:
            pass
    return found


def doomed(pid):
    """A zombie, or a process with SIGKILL pending (killed, its exit under way): it counts as gone."""
    with open(f"/proc/{pid}/status", "rb") as f:
        status = dict(line.split(b":", 1) for line in f.read().splitlines() if b":" in line)
    if status.get(b"State", b"").strip().startswith(b"Z"):
        return True
    kill_bit = 1 << (signal.SIGKILL - 1)
    return any(int(status.get(k, b"0").strip(), 16) & kill_bit for k in (b"SigPnd", b"ShdPnd"))


def report_and_kill(marker):
    alive = marked(marker)
    metric("left_alive", len(alive))
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def wrap(marker, cmd):
    t0 = time.monotonic()
    subprocess.run(cmd, check=False)
    metric("late_from_call_ms", (time.monotonic() - t0 - 1.0) * 1000)
    report_and_kill(marker)


def noop(key, args):
    return (True, None)


async def anoop(key, args):
    return (True, None)


def pyc(args):
    from pyconcurrent import ProcRunAsyncio, ProcRunMp

    what = args[0]
    if what == "spawn":
        n, workers, kind = int(args[1]), int(args[2]), args[3]
        tasks = [(i, i) for i in range(n)]
        t0 = time.monotonic()
        if kind == "mp":
            run = ProcRunMp(["/bin/true"], tasks, num_workers=workers, timeout=60)
            run.run_all()
        else:
            run = ProcRunAsyncio(["/bin/true"], tasks, num_workers=workers)
            asyncio.run(run.run_all())
        elapsed = time.monotonic() - t0
        check(run.result, n)
        metric("run_s", elapsed)
        metric("rate_per_s", n / elapsed)
    elif what == "seed":
        run = ProcRunAsyncio(["/usr/bin/sleep"], [(1, 1), (2, 7), (3, 2), (4, 2), (5, 1)], num_workers=4,
                             timeout=30)
        t0 = time.monotonic()
        asyncio.run(run.run_all())
        elapsed = time.monotonic() - t0
        check(run.result, 5)
        metric("first_run_s", elapsed)
        metric("first_overhead_ms", (elapsed - 7.0) * 1000)
    elif what == "sleep1":
        run = ProcRunAsyncio(["/usr/bin/sleep"], [(1, 1)], num_workers=1, timeout=30)
        t0 = time.monotonic()
        asyncio.run(run.run_all())
        elapsed = time.monotonic() - t0
        check(run.result, 1)
        metric("time_run_ms", run.result[0].time_run * 1000)
        metric("run_s", elapsed)
    elif what == "timeout":
        marker = f"300.{random.randrange(1_000_000):06d}"
        pargs = ["/bin/sleep"] if args[1] == "sleep" else ["/bin/sh", "-c", TREE.format(m=marker)]
        arg = marker if args[1] == "sleep" else ""
        run = ProcRunAsyncio(pargs, [(1, arg)], num_workers=1, timeout=1)
        t0_wall, t0 = time.time(), time.monotonic()
        asyncio.run(run.run_all())
        t1 = time.monotonic()
        res = run.result[0]
        if not res.timeout:
            raise SystemExit(f"expected a timeout, got success={res.success}")
        # the result is complete when run_all returns (asyncio has no per-result callback)
        metric("late_ms", ((t0_wall + (t1 - t0)) - (res.time_start + 1.0)) * 1000)
        metric("late_from_call_ms", (t1 - t0 - 1.0) * 1000)
        metric("time_run_ms", res.time_run * 1000)
        report_and_kill(marker)
    elif what == "fn":
        n, workers = int(args[1]), int(args[2])
        run = ProcRunMp([noop], [(i, i) for i in range(n)], num_workers=workers)
        t0 = time.monotonic()
        run.run_all()
        elapsed = time.monotonic() - t0
        check(run.result, n)
        metric("run_s", elapsed)
        metric("rate_per_s", n / elapsed)
    elif what == "afn":
        n, workers = int(args[1]), int(args[2])
        run = ProcRunAsyncio([anoop], [(i, i) for i in range(n)], num_workers=workers)
        t0 = time.monotonic()
        asyncio.run(run.run_all())
        elapsed = time.monotonic() - t0
        check(run.result, n)
        metric("run_s", elapsed)
        metric("rate_per_s", n / elapsed)
    elif what == "output":
        n = int(args[1])
        run = ProcRunAsyncio(["/usr/bin/head", "-c", str(n)], [(1, "/dev/zero")], num_workers=1)
        t0 = time.monotonic()
        asyncio.run(run.run_all())
        elapsed = time.monotonic() - t0
        check(run.result, 1)
        if len(run.result[0].stdout) != n:
            raise SystemExit(f"expected {n} bytes of output, got {len(run.result[0].stdout)}")
        metric("run_s", elapsed)
    else:
        raise SystemExit(f"unknown pyc workload {what}")


def check(results, n):
    if len(results) != n:
        raise SystemExit(f"expected {n} results, got {len(results)}")
    bad = [r for r in results if not r.success]
    if bad:
        raise SystemExit(f"{len(bad)} tasks failed, the first: key {bad[0].key} exception {bad[0].exception}")


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    if sys.argv[1] == "pyc":
        pyc(sys.argv[2:])
    elif sys.argv[1] == "wrap":
        wrap(sys.argv[2], sys.argv[3:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
