#!/usr/bin/env bash
# Two builds' cluster rate side by side (issue 12's "true on 3 members >= 0.5 x the local rate"): three
# --serve members of each build up at once (-j 2 each, loopback, free ports), then round by round, the
# order of the two builds alternating, each build's local run (-j 2) and cluster run of 2000 x true,
# with the client's CPU (/usr/bin/time) and its members' CPU (/proc/PID/stat) for each cluster run.
# Prints one row per run, then medians over rounds 2.. (round 1 warms the members' JIT up) and the
# median of the paired per-round ratios of cluster walls, new / old. Every member it starts is stopped
# at the end, also on error.
#
#   git archive main | tar -x -C /tmp/old && (cd /tmp/old && bin/jconcurrent --version)
#   bench/cluster-builds.sh /tmp/old . 8
set -euo pipefail
OLD=$(cd "$1" && pwd); NEW=$(cd "$2" && pwd); ROUNDS=${3:-6}
TASKS=2000
for d in "$OLD" "$NEW"; do "$d/bin/jconcurrent" --version >/dev/null; done # builds each CLI if needed
WORK=$(mktemp -d)
. "$(dirname "$0")/cluster-common.sh"
tck=$(getconf CLK_TCK)
cpu_of() { local t=0 u s; for p in "$@"; do read -r u s < <(awk '{print $14, $15}' "/proc/$p/stat"); t=$((t + u + s)); done; echo "$t"; }
start_members() { # DIR: sets JOIN and MPIDS
    local dir=$1 p ports=($(free_port) $(free_port) $(free_port))
    JOIN="127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
    MPIDS=()
    for p in "${ports[@]}"; do
        "$dir/bin/jconcurrent" --serve --port "$p" --join "$JOIN" -j 2 >/dev/null 2>"$WORK/m-$p.err" &
        MPIDS+=($!); PIDS+=($!)
        for _ in $(seq 1 600); do grep -q "member 127.0.0.1:$p " "$WORK/m-$p.err" && break; sleep 0.1; done
    done
}
start_members "$OLD"; JOIN_OLD=$JOIN; MP_OLD=("${MPIDS[@]}")
start_members "$NEW"; JOIN_NEW=$JOIN; MP_NEW=("${MPIDS[@]}")
args=$(seq 1 $TASKS)
run() { # NAME DIR JOIN MEMBER_PIDS...
    local name=$1 dir=$2 join=$3; shift 3
    local load t0 t1 t2 c0 c1
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(now); "$dir/bin/jconcurrent" -j 2 true ::: $args >/dev/null; t1=$(now)
    c0=$(cpu_of "$@")
    /usr/bin/time -f '%U %S' -o "$WORK/time" "$dir/bin/jconcurrent" --cluster "$join" true ::: $args >/dev/null
    t2=$(now)
    c1=$(cpu_of "$@")
    printf '%s\t%s\t%s\t%.3f\t%.3f\t%.2f\t%.2f\n' "$r" "$name" "$load" "$(echo "$t1 - $t0" | bc -l)" \
        "$(echo "$t2 - $t1" | bc -l)" "$(awk '{print $1 + $2}' "$WORK/time")" "$(echo "($c1 - $c0) / $tck" | bc -l)" \
        | tee -a "$WORK/runs.tsv"
}
printf 'round\tbuild\tload1\tlocal_s\tcluster_s\tclient_cpu_s\tmembers_cpu_s\n'
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then
        run old "$OLD" "$JOIN_OLD" "${MP_OLD[@]}"; run new "$NEW" "$JOIN_NEW" "${MP_NEW[@]}"
    else
        run new "$NEW" "$JOIN_NEW" "${MP_NEW[@]}"; run old "$OLD" "$JOIN_OLD" "${MP_OLD[@]}"
    fi
done
python3 - "$WORK/runs.tsv" <<'PY'
import sys, statistics as st
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
by = {}
for r, b, load, loc, clu, ccpu, mcpu in rows:
    by.setdefault(b, {})[int(r)] = (float(load), float(loc), float(clu), float(ccpu), float(mcpu))
later = lambda b: [v for r, v in sorted(by[b].items()) if r > 1]
print()
print('build  rounds  load  local_s  cluster_s  local/cluster  client_cpu_s  members_cpu_s   (medians, rounds 2..)')
for b in ('old', 'new'):
    v = later(b)
    if not v:
        continue
    m = lambda i: st.median(x[i] for x in v)
    print(f'{b:5}  {len(v):6}  {min(x[0] for x in v):.1f}-{max(x[0] for x in v):.1f}  {m(1):7.2f}  {m(2):9.2f}'
          f'  {st.median(x[1] / x[2] for x in v):13.2f}  {m(3):12.2f}  {m(4):13.2f}')
pairs = [by['new'][r][2] / by['old'][r][2] for r in by['new'] if r > 1 and r in by['old']]
if pairs:
    print(f'cluster wall new / old, paired per round: median {st.median(pairs):.2f} '
          f'({", ".join(f"{p:.2f}" for p in pairs)})')
PY
