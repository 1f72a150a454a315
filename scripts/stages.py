#!/usr/bin/env python3
# What each stage of a create costs, from a CPU profile of BenchmarkValidatedCreateTask:
#   go test -c -o server.test ./simulator/server/
#   ./server.test -test.run x -test.bench "ValidatedCreateTask$" -test.benchtime 40000x -test.cpuprofile cpu.out
#   scripts/stages.py server.test cpu.out CPU_NS_PER_OP     # the cpu-ns/op the benchmark printed
# Each stage is its share of all samples times cpu-ns/op, in µs.
import subprocess, re, sys
def cum(binary, prof, focus=None):
    args=['go','tool','pprof','-top','-cum','-nodecount=100000']
    if focus: args.append('-focus='+focus)
    out=subprocess.run(args+[binary,prof],capture_output=True,text=True).stdout
    total=float(re.search(r'Total samples = ([\d.]+)(m?s)',out).group(1))
    if re.search(r'Total samples = [\d.]+ms',out): total/=1000
    d={}
    for line in out.splitlines():
        m=re.match(r'\s*([\d.]+)(m?s)?\s+[\d.]+%\s+[\d.]+%\s+([\d.]+)(m?s)?\s+[\d.]+%\s+(.*?)( \(inline\))?$',line)
        if m:
            v=float(m.group(3))/(1000 if m.group(4)=='ms' else 1)
            d[m.group(5).strip()]=max(v,d.get(m.group(5).strip(),0))
    return total,d
def get(d,pat):
    return sum(v for k,v in d.items() if re.fullmatch(pat,k))
binary,prof,nsop=sys.argv[1],sys.argv[2],float(sys.argv[3])
total,d=cum(binary,prof)
_,h=cum(binary,prof,focus=r'llamadapro.\(\*API\).createTask$')
stages=[
 ('body read', r'.*gateway\.(readBody|\(\*exchange\)\.readBody)'),
 ('auth and tenant', r'.*gateway\.\(\*route\)\.authorize'),
 ('hooks (fault injection)', r'.*gateway\.FaultHook\.func1'),
 ('request validation', r'.*gateway\.\(\*route\)\.validateRequest'),
 ('handler: decode the body into the task', None),
 ('handler: state under its lock', None),
 ('  of which the list indexes', None),
 ('handler: response encoding (c.JSON)', None),
 ('response validation', r'.*gateway\.\(\*route\)\.validateResponse'),
 ('journal', r'.*gateway\.\(\*route\)\.record'),
 ('contract', r'.*gateway\.\(\*route\)\.report'),
 ('write history', r'.*Server\)\.persist\.func\d+'),
 ('send (copy to the connection)', r'.*gateway\.\(\*exchange\)\.send'),
 ('GC (background mark)', r'runtime\.gcBgMarkWorker'),
]
hand={'handler: decode the body into the task':r'encoding/json\.Unmarshal','handler: state under its lock':r'.*llamadapro\.\(\*State\)\.CreateTask','  of which the list indexes':r'.*llamadapro\.\(\*taskIndex\)\.add','handler: response encoding (c.JSON)':r'.*gin\.\(\*Context\)\.JSON'}
serve=get(d,r'.*gateway\.\(\*route\)\.serve')
print(f'total samples {total:.2f}s; serve {100*serve/total:.1f}%')
for name,pat in stages:
    v=get(h,hand[name]) if pat is None else get(d,pat)
    print(f'| {name} | {100*v/total:.1f} % | {v/total*nsop/1000:.1f} |')
