#!/usr/bin/env bash
# End-to-end comparison: jconcurrent beside the reference (pyconcurrent), xargs -P and GNU parallel,
# on this machine, in one run, the tools interleaved round by round.
#
#   bench/compare.sh                 # full run (16 minutes at load 12-17, 27 at load 22); writes
#                                    # docs/bench.md, docs/bench.svg and docs/bench-raw.tsv
#   bench/compare.sh --quick         # every workload, fewer tasks and rounds (about 6 minutes); writes
#                                    # its report under bench/target/compare/, not docs/
#   bench/compare.sh --write-docs    # write docs/ even with --quick
#   bench/compare.sh --out DIR       # write the report to DIR instead
#   bench/compare.sh --no-build      # reuse the jars already built
#   bench/compare.sh --spawn-n N     # N /bin/true tasks in workload 1 (default 1000; quick 200)
#   bench/compare.sh --rss-n N       # the large CLI batch of workload 5 (default 100000; quick 5000)
#   bench/compare.sh --load-loops N  # busy loops for the timeout under load (default: one per core)
#
# Ratios are paired: each round runs every tool once, a ratio is taken within each round, and the
# table shows the median of those ratios (and their range). Needs: a JDK >= 21 (found under
# /usr/lib/jvm or JAVA_HOME), mvn, /usr/bin/python3, and the Debian packages `parallel`, `time` and
# `python3-dateutil` (the reference's one dependency), installed with apt-get if missing and we may.
# The reference's source is looked for in $PYCONCURRENT_SRC, then ../shared/peers/pyconcurrent/src
# beside the checkout, then /work/shared/peers/pyconcurrent/src; without it, the report says so.
# These are benchmarks, not tests: nothing here runs in CI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0
BUILD=1
WRITE_DOCS=""
OUT_DIR=""
SPAWN_N_OPT=""
RSS_N_OPT=""
LOAD_LOOPS=$(nproc)
ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --write-docs) WRITE_DOCS=1 ;;
    --out) OUT_DIR=${2:?--out needs a directory}; shift ;;
    --spawn-n) SPAWN_N_OPT=${2:?--spawn-n needs a number}; shift ;;
    --rss-n) RSS_N_OPT=${2:?--rss-n needs a number}; shift ;;
    --load-loops) LOAD_LOOPS=${2:?--load-loops needs a number}; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  REPS=2; SPAWN_REPS=1; SEED_REPS=1; SPAWN_N=200; FN_N=200000; WFN_N=20000; AFN_N=20000
  RSS_SMALL=1000; RSS_BIG=5000; RSS_REPS=1; OUT_BYTES=200000000; STARTUP_REPS=3
else
  REPS=5; SPAWN_REPS=3; SEED_REPS=3; SPAWN_N=1000; FN_N=1000000; WFN_N=100000; AFN_N=100000
  RSS_SMALL=1000; RSS_BIG=100000; RSS_REPS=1; OUT_BYTES=200000000; STARTUP_REPS=10
fi
[ -n "$SPAWN_N_OPT" ] && SPAWN_N=$SPAWN_N_OPT
[ -n "$RSS_N_OPT" ] && RSS_BIG=$RSS_N_OPT
if [ -z "$OUT_DIR" ]; then
  if [ "$QUICK" = 0 ] || [ -n "$WRITE_DOCS" ]; then OUT_DIR="$ROOT/docs"; else OUT_DIR="$ROOT/bench/target/compare"; fi
fi

# --- tools -------------------------------------------------------------------------------------
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
[ -n "$PY" ] || { echo "python3 is needed for the reference and the report" >&2; exit 1; }
need_pkgs=()
command -v parallel >/dev/null 2>&1 || need_pkgs+=(parallel)
[ -x /usr/bin/time ] || need_pkgs+=(time)
"$PY" -c 'import dateutil' 2>/dev/null || need_pkgs+=(python3-dateutil)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }; then
    echo "installing ${need_pkgs[*]} with apt-get" >&2
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null || true
  fi
fi
command -v parallel >/dev/null 2>&1 && [ -x /usr/bin/time ] || {
  echo "missing GNU parallel or GNU time; install them (Debian: apt-get install parallel time) and rerun" >&2
  exit 1
}

# The reference: pyconcurrent's source and its one dependency.
REF=""
REF_NOTE=""
for d in "${PYCONCURRENT_SRC:-}" "$ROOT/../shared/peers/pyconcurrent/src" /work/shared/peers/pyconcurrent/src; do
  if [ -n "$d" ] && [ -f "$d/pyconcurrent/__init__.py" ]; then REF=$(cd "$d" && pwd); break; fi
done
if [ -z "$REF" ]; then
  REF_NOTE="the reference (pyconcurrent) was not run: its source was not found (set PYCONCURRENT_SRC)"
elif ! PYTHONPATH="$REF" "$PY" -c 'import pyconcurrent' 2>/dev/null; then
  REF_NOTE="the reference (pyconcurrent) was not run: it does not import ($PY; python3-dateutil missing?)"
  REF=""
fi
[ -n "$REF_NOTE" ] && echo "$REF_NOTE" >&2
PYC="PYTHONPATH=$REF $PY $ROOT/bench/peers.py pyc"
WRAP="$PY $ROOT/bench/peers.py wrap"
have_ref() { [ -n "$REF" ]; }
# ref TOOL CMD: the pair for rounds(), or nothing when the reference is not available.
ref() { if have_ref; then printf '%s\0%s\0' "$1" "$PYC $2"; fi; }

find_java() {
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/java" ] && [ -f "$d/release" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$d/bin/java"; return; fi
  done
  echo "no JDK >= 21 found (set JAVA_HOME)" >&2
  exit 1
}
JAVA=$(find_java)

if [ "$BUILD" = 1 ]; then
  echo "building (mvn -B -q package -DskipTests)" >&2
  (cd "$ROOT" && mvn -B -q package -DskipTests >&2)
fi
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
[ -f "$BENCH_JAR" ] || { echo "missing $BENCH_JAR: run without --no-build" >&2; exit 1; }
WORK=$(mktemp -d)
LOAD_PIDS=()
cleanup() {
  local p
  for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
cp "$BENCH_JAR" "$WORK/benchmarks.jar" # a rebuild during the run must not change what runs
# Direct spawning (posix_spawn) needs Java 22+ and native access; the JDK's launcher is measured too.
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
NATIVE=()
[ "${JAVA_FEATURE:-21}" -ge 22 ] && NATIVE=(--enable-native-access=ALL-UNNAMED)
J="$JAVA ${NATIVE[*]} -cp $WORK/benchmarks.jar io.jconcurrent.bench.Workloads"
JJDK="$JAVA -Djconcurrent.spawn=jdk -cp $WORK/benchmarks.jar io.jconcurrent.bench.Workloads"
CLI="$ROOT/bin/jconcurrent"
"$CLI" --version >/dev/null 2>&1 || { echo "bin/jconcurrent does not run: see above" >&2; exit 1; }

# --- measuring ---------------------------------------------------------------------------------
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
ROUND=0

# measure WORKLOAD TOOL COMMAND : one run under /usr/bin/time; records the round, wall, peak RSS (the
# largest single process), CPU (user + system, children included), any "METRIC name value" lines the
# command prints, and the 1-minute load average at its start.
measure() {
  local workload=$1 tool=$2 cmd=$3
  local out="$WORK/out" tm="$WORK/time" load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tm" bash -c "$cmd" >"$out" 2>"$WORK/err"; then
    echo "FAILED: $workload $tool: $cmd" >&2
    tail -5 "$WORK/err" >&2
    return 0
  fi
  local wall rss usr sys cpu metrics
  read -r wall rss usr sys <"$tm"
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
  metrics=$(awk '$1=="METRIC"{printf "%s=%s;", $2, $3}' "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROUND" "$workload" "$tool" "$wall" "$rss" "$metrics" "$cpu" "$load" \
    >>"$RESULTS"
  printf '  %-16s %-22s wall %6ss  cpu %6ss  rss %7s KB  load %5s  %s\n' "$workload" "$tool" "$wall" "$cpu" \
    "$rss" "$load" "$metrics" >&2
}

# rounds N WORKLOAD TOOL CMD [TOOL CMD ...]: N rounds, each running every tool once in turn, so that a
# burst of load on a shared machine hits them alike; ratios are taken within a round.
rounds() {
  local n=$1 workload=$2; shift 2
  local i
  for ((i = 0; i < n; i++)); do
    ROUND=$((ROUND + 1))
    local args=("$@")
    while [ ${#args[@]} -gt 0 ]; do
      measure "$workload" "${args[0]}" "${args[1]}"
      args=("${args[@]:2}")
    done
  done
}

# Reads NUL-separated pairs from ref() into the array named $1 (empty when there is no reference).
ref_pairs() {
  local -n into=$1
  into=()
  local x
  while IFS= read -r -d '' x; do into+=("$x"); done < <(ref "$2" "$3")
}

start_load() {
  local i
  for ((i = 0; i < LOAD_LOOPS; i++)); do
    bash -c 'while :; do :; done' &
    LOAD_PIDS+=($!)
  done
  sleep 2
}
stop_load() {
  local p
  for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${LOAD_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  LOAD_PIDS=()
}

START=$(date -u +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) cores, $(uname -sr), load $LOAD_START" >&2
echo "java: $("$JAVA" -version 2>&1 | head -1)" >&2
have_ref && echo "reference: pyconcurrent from $REF, $("$PY" --version 2>&1)" >&2

# Warm the page cache for every tool once (and let the CLI make its class cache).
bash -c "seq 10 | xargs -P 2 -n1 /bin/true; parallel --will-cite true ::: 1; $J one" >/dev/null 2>&1 || true
"$CLI" -j 1 /bin/true ::: 1 >/dev/null 2>&1 || true
have_ref && { eval "$PYC spawn 4 2 asyncio" >/dev/null 2>&1 || true; }

echo "workload 1: $SPAWN_N x /bin/true at 2 workers" >&2
ref_pairs R1 pyc_mp "spawn $SPAWN_N 2 mp"
ref_pairs R2 pyc_asyncio "spawn $SPAWN_N 2 asyncio"
rounds "$SPAWN_REPS" spawn \
  xargs "seq $SPAWN_N | xargs -P 2 -n1 /bin/true" \
  parallel "seq $SPAWN_N | parallel --will-cite -j 2 /bin/true" \
  "${R1[@]}" "${R2[@]}" \
  jconcurrent_cli "seq $SPAWN_N | $CLI -j 2 /bin/true" \
  jconcurrent_lib "$J spawn $SPAWN_N 2" \
  jconcurrent_lib_jdk "$JJDK spawn $SPAWN_N 2"

echo "workload 2: the seed example (ideal 7.0 s), and sleep 1, as a fresh process's first batch" >&2
ref_pairs R1 pyc_asyncio "seed"
rounds "$SEED_REPS" seed \
  xargs "printf '1\n7\n2\n2\n1\n' | xargs -P 4 -n1 /usr/bin/sleep" \
  parallel "parallel --will-cite -j 4 /usr/bin/sleep ::: 1 7 2 2 1" \
  "${R1[@]}" \
  jconcurrent_cli "$CLI -j 4 --timeout 30 /usr/bin/sleep ::: 1 7 2 2 1" \
  jconcurrent_lib "$J seed"
ref_pairs R1 pyc_asyncio "sleep1"
rounds "$REPS" sleep1 "${R1[@]}" jconcurrent_lib "$J sleep1" jconcurrent_lib_jdk "$JJDK sleep1"

echo "workload 3: functions: $WFN_N no-ops in worker processes at 2 workers (pool start included), the pool alone, $FN_N in process" >&2
ref_pairs R1 pyc_mp "fn $WFN_N 2"
rounds "$REPS" worker_fn "${R1[@]}" jconcurrent_lib "$J worker-functions $WFN_N 2"
ref_pairs R1 pyc_mp "fn 2 2"
rounds "$REPS" worker_pool "${R1[@]}" jconcurrent_lib "$J worker-pool 2"
ref_pairs R1 pyc_asyncio "afn $AFN_N 4"
rounds "$REPS" fn_in_process "${R1[@]}" jconcurrent_lib "$J functions $FN_N 4"

echo "workload 4: a 1 s timeout (fresh process), on sleep and on a tree with a setsid grandchild" >&2
printf 'sleep "$1" & setsid sleep "$1" & sleep "$1"; :\n' >"$WORK/tree.sh"
for kind in sleep tree; do
  M="300.$RANDOM$RANDOM" # in the command line of every process of the task: what the scan looks for
  if [ "$kind" = sleep ]; then task="/bin/sleep"; else task="/bin/sh $WORK/tree.sh"; fi
  ref_pairs R1 pyc_asyncio "timeout $kind"
  rounds "$REPS" "timeout_$kind" \
    coreutils_timeout "$WRAP $M timeout 1 $task $M" \
    parallel "$WRAP $M parallel --will-cite --timeout 1 $task ::: $M" \
    "${R1[@]}" \
    jconcurrent_cli "$WRAP $M $CLI --timeout 1 $task ::: $M" \
    jconcurrent_lib "$J timeout $kind" \
    jconcurrent_lib_jdk "$JJDK timeout $kind"
done
echo "workload 4b: the same under load: $LOAD_LOOPS busy loops started by this script" >&2
start_load
ref_pairs R1 pyc_asyncio "timeout tree"
rounds "$REPS" timeout_loaded "${R1[@]}" jconcurrent_lib "$J timeout tree" jconcurrent_lib_jdk "$JJDK timeout tree"
stop_load

echo "workload 5: CLI peak RSS at $RSS_SMALL and $RSS_BIG tasks, with --joblog, --json and -k" >&2
rounds "$RSS_REPS" cli_rss_joblog \
  "n$RSS_SMALL" "seq $RSS_SMALL | $CLI -j 2 --joblog $WORK/joblog /bin/true" \
  "n$RSS_BIG" "seq $RSS_BIG | $CLI -j 2 --joblog $WORK/joblog /bin/true" \
  "parallel_n$RSS_SMALL" "seq $RSS_SMALL | parallel --will-cite -j 2 --joblog $WORK/joblog /bin/true"
rounds "$RSS_REPS" cli_rss_json \
  "n$RSS_SMALL" "seq $RSS_SMALL | $CLI -j 2 --json /bin/true >/dev/null" \
  "n$RSS_BIG" "seq $RSS_BIG | $CLI -j 2 --json /bin/true >/dev/null"
rounds "$RSS_REPS" cli_rss_keep_order \
  "n$RSS_SMALL" "seq $RSS_SMALL | $CLI -j 2 -k /bin/echo >/dev/null" \
  "n$RSS_BIG" "seq $RSS_BIG | $CLI -j 2 -k /bin/echo >/dev/null" \
  "parallel_n$RSS_SMALL" "seq $RSS_SMALL | parallel --will-cite -j 2 -k /bin/echo >/dev/null"

echo "workload 6: one command writing $OUT_BYTES bytes to stdout, captured" >&2
ref_pairs R1 pyc_asyncio "output $OUT_BYTES"
rounds "$REPS" output \
  "${R1[@]}" \
  jconcurrent_whole "$J output $OUT_BYTES whole" \
  jconcurrent_bytes "$J output $OUT_BYTES bytes" \
  jconcurrent_files "$J output $OUT_BYTES files"

echo "workload 7: one-task start-up" >&2
# The same input form for both tools (an arg after :::); with stdin for both, the ratio is the same.
rounds "$STARTUP_REPS" startup \
  xargs "echo 1 | xargs -n1 /bin/true" \
  parallel "parallel --will-cite /bin/true ::: 1" \
  jconcurrent_cli "$CLI -j 1 /bin/true ::: 1"

MINUTES=$(( ($(date -u +%s) - START + 59) / 60 ))
MACHINE="$(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)
CMD="bench/compare.sh ${ARGS[*]}"
mkdir -p "$OUT_DIR"
cp "$RESULTS" "$OUT_DIR/bench-raw.tsv" # every run, for anyone who wants other statistics
"$PY" "$ROOT/bench/report.py" "$RESULTS" "$OUT_DIR" \
  --load "load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
  --machine "$MACHINE" --java "$JAVA_VERSION" --command "${CMD% }" --minutes "$MINUTES" \
  --reference "${REF_NOTE:-pyconcurrent (the reference) ran in the same run: $("$PY" --version 2>&1)}" \
  --spawn-n "$SPAWN_N" --out-bytes "$OUT_BYTES" --wfn-n "$WFN_N" --fn-n "$FN_N" --afn-n "$AFN_N" \
  --rss-small "$RSS_SMALL" --rss-big "$RSS_BIG" --load-loops "$LOAD_LOOPS"
echo "report written to $OUT_DIR (the run took about $MINUTES min)" >&2
