#!/usr/bin/env bash
# bench/cluster.sh: issue 12's cluster figures beside a local run on the same machine, as paired
# ratios (local and cluster runs interleaved in each round). Members run on loopback, free ports.
#
#   bench/cluster.sh [ROUNDS [PARTS]]   (default 3 rounds; PARTS a comma list of start,rate,latency,detect,
#                                        default all of them)
#
# Prints a Markdown table (for docs/bench-cluster.md) and leaves every run in $WORK/raw.tsv. Every member it
# starts is stopped at the end, also on error.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
J="$ROOT/bin/jconcurrent"
ROUNDS=${1:-3}
PARTS=${2:-start,rate,latency,detect}
part() { [[ ",$PARTS," == *",$1,"* ]]; }
TASKS=2000

for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then JAVA_HOME=$d; break; fi
done
JAVA="$JAVA_HOME/bin/java"
(cd "$ROOT" && mvn -B -q -pl bench -am package -DskipTests >/dev/null)
"$J" --version >/dev/null # builds the CLI and the cluster jar if needed
BENCH_JAR="$ROOT/bench/target/benchmarks.jar:$ROOT/cluster/target/jconcurrent-cluster.jar"

WORK=$(mktemp -d)
. "$(dirname "$0")/cluster-common.sh"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# start_member PORT JOIN JOBS: starts a member, waits until it listens, sets MEMBER_PID.
start_member() {
    local log="$WORK/member-$1.err"
    "$J" --serve --port "$1" --join "$2" -j "$3" >/dev/null 2>"$log" &
    MEMBER_PID=$!
    PIDS+=("$MEMBER_PID")
    for _ in $(seq 1 600); do grep -q "member 127.0.0.1:$1 " "$log" && return 0; sleep 0.1; done
    echo "member on port $1 did not start: $(cat "$log")" >&2; exit 1
}
stop_member() { kill -TERM "$1"; while kill -0 "$1" 2>/dev/null; do sleep 0.1; done; }

echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'measure\tround\tvalue\n' >"$WORK/raw.tsv"

# 1. A member's start: CPU and RSS once it listens.
tck=$(getconf CLK_TCK)
part start && for r in $(seq 1 "$ROUNDS"); do
    p=$(free_port)
    start_member "$p" "127.0.0.1:$p" 2
    read -r ut st < <(awk '{print $14, $15}' "/proc/$MEMBER_PID/stat")
    cpu=$(echo "($ut + $st) / $tck" | bc -l)
    rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$MEMBER_PID/status")
    printf 'member_start_cpu_s\t%s\t%.2f\nmember_start_rss_mib\t%s\t%.0f\n' "$r" "$cpu" "$r" "$rss" >>"$WORK/raw.tsv"
    stop_member "$MEMBER_PID"
done

# 2. Three members of 2 workers each on this machine, joined.
ports=($(free_port) $(free_port) $(free_port))
join="127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
member_pids=()
for p in "${ports[@]}"; do start_member "$p" "$join" 2; member_pids+=("$MEMBER_PID"); done

# 2a. Rate of `true`: 2000 tasks locally (-j 2, this machine's cores) and on the three members.
args=$(seq 1 $TASKS)
part rate && for r in $(seq 1 "$ROUNDS"); do
    t0=$(now); "$J" -j 2 true ::: $args >/dev/null; t1=$(now)
    "$J" --cluster "$join" true ::: $args >/dev/null; t2=$(now)
    printf 'local_true_wall_s\t%s\t%.3f\ncluster_true_wall_s\t%s\t%.3f\n' "$r" "$(echo "$t1 - $t0" | bc -l)" \
        "$r" "$(echo "$t2 - $t1" | bc -l)" >>"$WORK/raw.tsv"
done

# 2b. Latency added per task: serial tasks, local and on one member, interleaved (ClusterProbe). The
# probe spawns as the CLI and the members do (direct spawning, so native access is enabled).
part latency && "$JAVA" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" io.jconcurrent.bench.ClusterProbe latency \
    "127.0.0.1:${ports[0]}" 300 2>/dev/null | tee "$WORK/latency.txt" >&2
part latency && awk '/^latency/ {print "latency_local_ms\t-\t" $3 "\nlatency_cluster_ms\t-\t" $5 "\nlatency_added_ms\t-\t" $7}' \
    "$WORK/latency.txt" >>"$WORK/raw.tsv"

# 3. Detection of a member killed with SIGKILL: a fresh fourth member each round.
part detect && for r in $(seq 1 "$ROUNDS"); do
    p=$(free_port)
    start_member "$p" "$join,127.0.0.1:$p" 2
    { timeout 120 "$JAVA" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" io.jconcurrent.bench.ClusterProbe detect \
        "$join,127.0.0.1:$p" "$MEMBER_PID" 2>"$WORK/detect-kill-$r.err" || echo "detect round $r gave no figure: $WORK/detect-kill-$r.err" >&2; } \
        | awk -v r="$r" '/^detect/ {print "detect_ms\t" r "\t" $3}' >>"$WORK/raw.tsv"
done

# 4. Detection of a member frozen with SIGSTOP (a hung machine): a fresh member each round, given
# SIGCONT once it is taken for lost, then stopped.
part detect && for r in $(seq 1 "$ROUNDS"); do
    p=$(free_port)
    start_member "$p" "$join,127.0.0.1:$p" 2
    { timeout 120 "$JAVA" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" io.jconcurrent.bench.ClusterProbe detect \
        "$join,127.0.0.1:$p" "$MEMBER_PID" STOP 2>"$WORK/detect-stop-$r.err" || echo "detect round $r gave no figure: $WORK/detect-stop-$r.err" >&2; } \
        | awk -v r="$r" '/^detect/ {print "detect_stop_ms\t" r "\t" $3}' >>"$WORK/raw.tsv"
    kill -CONT "$MEMBER_PID" 2>/dev/null || true
    stop_member "$MEMBER_PID"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

m() { awk -F'\t' -v k="$1" '$1 == k {print $3}' "$WORK/raw.tsv" | median; }
echo
echo "| figure | local | cluster | ratio or value | target | met |"
echo "|---|---|---|---|---|---|"
lw=$(m local_true_wall_s); cw=$(m cluster_true_wall_s)
part rate && printf '| 2000 × true, wall s (median of %s) | %.2f (-j 2) | %.2f (3 members × 2) | %.2f × local rate | ≥ 0.5 × | %s |\n' \
    "$ROUNDS" "$lw" "$cw" "$(echo "$lw / $cw" | bc -l)" "$(echo "$lw / $cw >= 0.5" | bc -l | sed 's/1/yes/;s/0/no/')"
la=$(m latency_added_ms)
part latency && printf '| latency per task (serial, median) | %.2f ms | %.2f ms | +%.2f ms added | ≤ 5 ms | %s |\n' \
    "$(m latency_local_ms)" "$(m latency_cluster_ms)" "$la" "$(echo "$la <= 5" | bc -l | sed 's/1/yes/;s/0/no/')"
c=$(m member_start_cpu_s); s=$(m member_start_rss_mib)
part start && printf '| member start (until it listens) | | | %.2f s CPU, %.0f MiB RSS | ≤ 3 s, ≤ 200 MB | %s |\n' "$c" "$s" \
    "$(echo "$c <= 3 && $s <= 190" | bc -l | sed 's/1/yes/;s/0/no/')"
d=$(m detect_ms)
part detect && printf '| member killed (SIGKILL) to taken for lost | | | %.0f ms | ≤ 2 s | %s |\n' "$d" \
    "$(echo "$d <= 2000" | bc -l | sed 's/1/yes/;s/0/no/')"
d=$(m detect_stop_ms)
part detect && printf '| member frozen (SIGSTOP) to taken for lost | | | %.0f ms | ≤ 2 s | %s |\n' "$d" \
    "$(echo "$d <= 2000" | bc -l | sed 's/1/yes/;s/0/no/')"
echo
echo "raw: $WORK/raw.tsv" >&2
cat "$WORK/raw.tsv" >&2
