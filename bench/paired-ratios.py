"""Paired new/old ratios per workload from bench/compare-builds.sh's output: the median, its range, and a
90 % bootstrap interval of the median (10,000 resamples of the rounds, fixed seed). A figure counts as
worse only when that whole interval lies on its worse side of 1: the machines are shared and noisy, and
a fresh JVM's single run of a 0.2 s batch varies by 2x between neighbouring rounds."""
import sys,statistics,collections,random
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
data=collections.defaultdict(dict)
for r in rows:
    rnd,label,build,wall,metrics=r[0],r[1],r[2],float(r[3]),(r[4] if len(r)>4 else '')
    m=dict(kv.split('=') for kv in metrics.strip(';').split(';') if kv)
    m={k:float(v) for k,v in m.items()}
    m['wall_ms']=wall
    if 'overhead_ms' in m and 'warm_overhead_ms' not in m: m['warm_overhead_ms']=m['overhead_ms']  # an old build: its seed ran after a warm-up batch
    data[(label,rnd)][build]=m
key={'spawn_w2':'rate_per_s','spawn_w2_jdk':'rate_per_s','spawn_w8':'rate_per_s','fn_w4':'rate_per_s','fn_unlimited':'rate_per_s',
     'seed':'first_overhead_ms','timeout':'late_ms','timeout_tree':'late_ms','startup':'wall_ms','worker_fn_w2':'rate_per_s',
     'seed_warm':'warm_overhead_ms','timeout_call':'late_from_call_ms','cli_spawn_w2':'wall_ms','cli_startup':'wall_ms'}
higher_better={'rate_per_s'}
def interval(ratios):
    rnd=random.Random(1)
    meds=sorted(statistics.median(rnd.choices(ratios,k=len(ratios))) for _ in range(10000))
    return meds[500],meds[9499]
labels=[]
for (l,r) in data:
    if l not in labels: labels.append(l)
print("%-14s %-18s %10s %10s %-34s %-13s %s" % ("workload","metric","old(med)","new(med)","paired new/old: median [min-max] (n)","90% interval","verdict"))
extra=[]
for l in labels:
    if l=='seed': extra.append(('seed_warm','seed','warm_overhead_ms'))
    if l=='timeout': extra.append(('timeout_call','timeout','late_from_call_ms'))
for l in labels+[e[0] for e in extra]:
    src=l; k=key[l]
    for e in extra:
        if e[0]==l: src=e[1]; k=e[2]
    olds=[];news=[];ratios=[]
    for (ll,r),v in sorted(data.items()):
        if ll!=src or 'old' not in v or 'new' not in v: continue
        if k not in v['old'] or k not in v['new']: continue
        o=v['old'][k]; n=v['new'][k]
        olds.append(o); news.append(n)
        if o!=0: ratios.append(n/o)
    if not ratios: continue
    lo,hi=interval(ratios)
    hb=k in higher_better
    verdict=("better" if lo>1 else "worse" if hi<1 else "no change shown") if hb else ("better" if hi<1 else "worse" if lo>1 else "no change shown")
    print("%-14s %-18s %10.1f %10.1f %-34s %-13s %s" % (l,k+(" (higher)" if hb else " (lower)"),statistics.median(olds),statistics.median(news),
          "%.2f [%.2f-%.2f] (%d)" % (statistics.median(ratios),min(ratios),max(ratios),len(ratios)),"%.2f-%.2f" % (lo,hi),verdict))
