#!/usr/bin/env bash
# End-to-end comparison: jconcurrent beside `xargs -P` and GNU parallel, on this machine, in one run.
#
#   bench/compare.sh            # full run (a few minutes on 2 cores)
#   bench/compare.sh --quick    # fewer tasks and repetitions, for a smoke run
#   bench/compare.sh --no-build # reuse the jars already built
#   bench/compare.sh --spawn-n 500   # fewer /bin/true tasks in workload 1 (default 2000; on a
#                                    # loaded machine GNU parallel needs minutes for 2000)
#
# Prints a table of medians and ratios, and writes docs/bench.md and docs/bench.svg.
# Needs: a JDK >= 21 (found under /usr/lib/jvm or JAVA_HOME), mvn, python3, and the Debian packages
# `parallel` and `time` (installed with apt-get if missing and we may; otherwise the script says so).
# These are benchmarks, not tests: nothing here runs in CI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0
BUILD=1
SPAWN_N_OPT=""
ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --spawn-n) SPAWN_N_OPT=${2:?--spawn-n needs a number}; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  REPS=3; SPAWN_REPS=1; SPAWN_N=500; FN_N=1000000; OUT_BYTES=200000000; SEED_REPS=1
else
  REPS=5; SPAWN_REPS=3; SPAWN_N=2000; FN_N=1000000; OUT_BYTES=200000000; SEED_REPS=3
fi
[ -n "$SPAWN_N_OPT" ] && SPAWN_N=$SPAWN_N_OPT

# --- tools -------------------------------------------------------------------------------------
need_pkgs=()
command -v parallel >/dev/null 2>&1 || need_pkgs+=(parallel)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }; then
    echo "installing ${need_pkgs[*]} with apt-get" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "missing: ${need_pkgs[*]}; install them (Debian: apt-get install ${need_pkgs[*]}) and rerun" >&2
    exit 1
  fi
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the report" >&2; exit 1; }

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
trap 'rm -rf "$WORK"' EXIT
cp "$BENCH_JAR" "$WORK/benchmarks.jar" # a rebuild during the run must not change what runs
# Direct spawning (posix_spawn) needs Java 22+ and native access; the JDK's launcher is measured too.
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
NATIVE=()
[ "${JAVA_FEATURE:-21}" -ge 22 ] && NATIVE=(--enable-native-access=ALL-UNNAMED)
WL=("$JAVA" "${NATIVE[@]}" -cp "$WORK/benchmarks.jar" io.jconcurrent.bench.Workloads)
WL_JDK=("$JAVA" -Djconcurrent.spawn=jdk -cp "$WORK/benchmarks.jar" io.jconcurrent.bench.Workloads)

# The CLI, once it exists (bin/jconcurrent); until then the same workloads run through the library in
# a JVM of their own (Workloads), which is also a whole process with the JVM's start-up.
CLI="$ROOT/bin/jconcurrent"
have_cli() { [ -x "$CLI" ] && "$CLI" --version >/dev/null 2>&1; }

# --- measuring ---------------------------------------------------------------------------------
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# measure WORKLOAD TOOL COMMAND : one run under /usr/bin/time; records wall, peak RSS and any
# "METRIC name value" lines the command prints.
measure() {
  local workload=$1 tool=$2 cmd=$3
  local out="$WORK/out" tm="$WORK/time"
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tm" bash -c "$cmd" >"$out" 2>"$WORK/err"; then
    echo "FAILED: $workload $tool: $cmd" >&2
    tail -5 "$WORK/err" >&2
    return 0
  fi
  read -r wall rss usr sys <"$tm"
  local cpu
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
  local metrics
  metrics=$(awk '$1=="METRIC"{printf "%s=%s;", $2, $3}' "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$tool" "$wall" "$rss" "$metrics" "$cpu" >>"$RESULTS"
  printf '  %-22s %-18s wall %6ss  cpu %6ss  rss %7s KB  %s\n' "$workload" "$tool" "$wall" "$cpu" "$rss" "$metrics" >&2
}

# rounds N WORKLOAD TOOL CMD [TOOL CMD ...]: N rounds, the tools interleaved within each round so
# that a burst of load on a shared machine hits them alike.
rounds() {
  local n=$1 workload=$2; shift 2
  local i
  for ((i = 0; i < n; i++)); do
    local args=("$@")
    while [ ${#args[@]} -gt 0 ]; do
      measure "$workload" "${args[0]}" "${args[1]}"
      args=("${args[@]:2}")
    done
  done
}

J="${WL[*]}"
JJDK="${WL_JDK[*]}"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) cores, $(uname -sr), load $LOAD_START" >&2
echo "java: $("$JAVA" -version 2>&1 | head -1)" >&2

# Warm the page cache for every tool once (and let the CLI build itself and its class cache).
bash -c "seq 10 | xargs -P 2 -n1 /bin/true; parallel --will-cite true ::: 1; $J one" >/dev/null 2>&1 || true
if have_cli; then
  echo "jconcurrent runs through $CLI" >&2
  "$CLI" -j 1 /bin/true ::: 1 >/dev/null 2>&1 || true
else
  echo "no working bin/jconcurrent: workloads 1, 2 and 6 run through the library (Workloads)" >&2
fi

for P in 2 8; do
  echo "workload 1: $SPAWN_N x /bin/true at $P workers" >&2
  if have_cli; then jc="seq $SPAWN_N | $CLI -j $P /bin/true"; else jc="$J spawn $SPAWN_N $P"; fi
  rounds "$SPAWN_REPS" "spawn_true_w$P" \
    xargs "seq $SPAWN_N | xargs -P $P -n1 /bin/true" \
    parallel "seq $SPAWN_N | parallel --will-cite -j $P /bin/true" \
    jconcurrent "$jc" \
    jconcurrent_jdk_spawn "$JJDK spawn $SPAWN_N $P"
done

echo "workload 2: seed example (ideal 7.0 s)" >&2
seed_cli=()
if have_cli; then seed_cli=(jconcurrent_cli "$CLI -j 4 --timeout 30 /usr/bin/sleep ::: 1 7 2 2 1"); fi
rounds "$SEED_REPS" seed \
  xargs "printf '1\n7\n2\n2\n1\n' | xargs -P 4 -n1 /usr/bin/sleep" \
  parallel "parallel --will-cite -j 4 /usr/bin/sleep ::: 1 7 2 2 1" \
  jconcurrent "$J seed" "${seed_cli[@]}"

echo "workload 3: $FN_N no-op function tasks" >&2
rounds "$REPS" fn_noop_w4 jconcurrent "$J functions $FN_N 4"
rounds "$REPS" fn_noop_unlimited jconcurrent "$J functions $FN_N 0"

echo "workload 4: timeout latency (sleep 300, 1 s timeout)" >&2
timeout_cli=()
if have_cli; then timeout_cli=(jconcurrent_cli "$CLI --timeout 1 /bin/sleep ::: 300; true"); fi
rounds "$REPS" timeout \
  coreutils_timeout "timeout 1 sleep 300; true" \
  parallel "parallel --will-cite --timeout 1 /bin/sleep ::: 300; true" \
  jconcurrent "$J timeout" "${timeout_cli[@]}"
rounds "$REPS" timeout_tree jconcurrent "$J timeout sh"

echo "workload 5: one command writing $OUT_BYTES bytes to stdout" >&2
rounds "$REPS" output \
  xargs "echo /dev/zero | xargs -n1 head -c $OUT_BYTES > /dev/null" \
  parallel "parallel --will-cite head -c $OUT_BYTES ::: /dev/zero > /dev/null" \
  jconcurrent_whole "$J output $OUT_BYTES whole" \
  jconcurrent_files "$J output $OUT_BYTES files"

echo "workload 6: one-task start-up" >&2
# The same input form for both tools (an arg after :::); with stdin for both, the ratio is the same.
if have_cli; then jc1="$CLI -j 1 /bin/true ::: 1"; else jc1="$J one"; fi
rounds $((REPS * 2)) startup \
  xargs "echo 1 | xargs -n1 /bin/true" \
  parallel "parallel --will-cite /bin/true ::: 1" \
  jconcurrent "$jc1"

MACHINE="$(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)
CMD="bench/compare.sh ${ARGS[*]}"
mkdir -p "$ROOT/docs"
cp "$RESULTS" "$ROOT/docs/bench-raw.tsv" # every run, for anyone who wants other statistics
python3 "$ROOT/bench/report.py" "$RESULTS" "$ROOT/docs" \
  --load "load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
  --machine "$MACHINE" --java "$JAVA_VERSION" --command "$CMD" --spawn-n "$SPAWN_N" \
  --out-bytes "$OUT_BYTES" --cli "$(have_cli && echo yes || echo no)"
