#!/usr/bin/env bash
# Two builds of the library side by side: workloads 1-4 and 6 of bench/compare.sh, through the library
# (io.jconcurrent.bench.Workloads, as compare.sh runs them without the CLI), for an old and a new
# benchmarks.jar, interleaved round by round with the order of the two alternating, so that a burst of
# load on a shared machine hits both alike. Prints one line per run (round, workload, build, wall ms,
# metrics) to OUT; bench/paired-ratios.py turns them into paired new/old ratios.
#
#   git archive OLD_COMMIT | tar -x -C /tmp/old && (cd /tmp/old && mvn -q -o package -DskipTests)
#   mvn -q -o package -DskipTests
#   bench/compare-builds.sh /tmp/old/bench/target/benchmarks.jar bench/target/benchmarks.jar 6 /tmp/runs.tsv
#   python3 bench/paired-ratios.py /tmp/runs.tsv
set -u
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)/bin/java}
OLD=$1; NEW=$2; ROUNDS=${3:-5}; OUT=${4:-runs.tsv}
: > "$OUT"
run() { # build label java-options...
  local build=$1 label=$2; shift 2
  local jar; if [ "$build" = old ]; then jar=$OLD; else jar=$NEW; fi
  local t0 t1 out metrics
  t0=$(date +%s%N)
  out=$("$JAVA" "$@" -cp "$jar" io.jconcurrent.bench.Workloads ${WL_ARGS} 2>/dev/null)
  t1=$(date +%s%N)
  metrics=$(echo "$out" | awk '$1=="METRIC"{printf "%s=%s;", $2, $3}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$build" "$(( (t1 - t0) / 1000000 ))" "$metrics" >> "$OUT"
}
N=(--enable-native-access=ALL-UNNAMED)
for ((round = 1; round <= ROUNDS; round++)); do
  if (( round % 2 )); then order="old new"; else order="new old"; fi
  for b in $order; do WL_ARGS="spawn 1000 2" run $b spawn_w2 "${N[@]}"; done
  for b in $order; do WL_ARGS="spawn 1000 2" run $b spawn_w2_jdk -Djconcurrent.spawn=jdk; done
  for b in $order; do WL_ARGS="spawn 1000 8" run $b spawn_w8 "${N[@]}"; done
  for b in $order; do WL_ARGS="seed" run $b seed "${N[@]}"; done
  for b in $order; do WL_ARGS="functions 200000 4" run $b fn_w4 "${N[@]}"; done
  for b in $order; do WL_ARGS="functions 200000 0" run $b fn_unlimited "${N[@]}"; done
  for b in $order; do WL_ARGS="timeout sleep" run $b timeout "${N[@]}"; done
  for b in $order; do WL_ARGS="timeout tree" run $b timeout_tree "${N[@]}"; done
  for b in $order; do WL_ARGS="worker-functions 20000 2" run $b worker_fn_w2 "${N[@]}"; done
  for b in $order; do WL_ARGS="one" run $b startup "${N[@]}"; done
  echo "round $round done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
