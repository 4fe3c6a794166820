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
#
# An old build from before the bench grew (no "timeout tree", no "worker-functions") is run with
# OLD_COMPAT=1: its "timeout sh" (a shell with one child, no setsid grandchild) stands in for the tree,
# and the workloads it lacks are run for the new build only. With OLD_CLI and NEW_CLI set (two
# bin/jconcurrent launchers), the CLI's spawn rate (1000 x /bin/true, -j 2) and one-task start-up are
# interleaved too.
set -u
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)/bin/java}
OLD=$1; NEW=$2; ROUNDS=${3:-5}; OUT=${4:-runs.tsv}
: > "$OUT"
run() { # build label java-options...
  local build=$1 label=$2; shift 2
  local jar; if [ "$build" = old ]; then jar=$OLD; else jar=$NEW; fi
  local t0 t1 out metrics
  t0=$(date +%s%N)
  local args=${WL_ARGS}
  if [ "$build" = old ] && [ "${OLD_COMPAT:-0}" = 1 ]; then
    case "$args" in
      "timeout tree") args="timeout sh" ;;
      worker-functions*) return ;;
    esac
  fi
  out=$("$JAVA" "$@" -cp "$jar" io.jconcurrent.bench.Workloads ${args} 2>/dev/null)
  t1=$(date +%s%N)
  metrics=$(echo "$out" | awk '$1=="METRIC"{printf "%s=%s;", $2, $3}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$build" "$(( (t1 - t0) / 1000000 ))" "$metrics" >> "$OUT"
}
cli_run() { # build label shell-command (with $CLI)
  local build=$1 label=$2 cmd=$3 t0 t1
  if [ "$build" = old ]; then export CLI=$OLD_CLI; else export CLI=$NEW_CLI; fi
  t0=$(date +%s%N); bash -c "$cmd" >/dev/null 2>&1; t1=$(date +%s%N)
  printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$build" "$(( (t1 - t0) / 1000000 ))" "" >> "$OUT"
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
  if [ -n "${OLD_CLI:-}" ] && [ -n "${NEW_CLI:-}" ]; then
    for b in $order; do cli_run $b cli_spawn_w2 "seq 1000 | \"\$CLI\" -j 2 /bin/true"; done
    for b in $order; do cli_run $b cli_startup "\"\$CLI\" /bin/true ::: 1"; done
  fi
  echo "round $round done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
