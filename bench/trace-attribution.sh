#!/bin/bash
# Usage (root): bench/trace-attribution.sh  -- a python workload out of ports in a throw-away namespace makes
# 20,000 failing connects and 10,000 failing binds as fast as it can; prints what it counted and what trace attributed.
# Measures trace attribution at a high failure rate in a throw-away namespace.
set -e
B=${PORTDOCTOR:-$(dirname "$0")/../src/PortDoctor.Cli/bin/Release/net10.0/portdoctor}
NS=pdt-measure-$$
ip netns add $NS; trap "ip netns delete $NS" EXIT
ip netns exec $NS ip link set lo up
ip netns exec $NS sh -c 'echo "40000 40009" > /proc/sys/net/ipv4/ip_local_port_range'
mkfifo /tmp/m-in-$$; exec 3<>/tmp/m-in-$$
ip netns exec $NS python3 -c '
import os, socket, sys, time
srv=socket.socket(); srv.bind(("127.0.0.1",5000)); srv.listen(1000); held=[]
while True:
    s=socket.socket()
    try: s.connect(("127.0.0.1",5000)); held.append(s)
    except OSError as e: s.close(); break
print(os.getpid(), flush=True); sys.stdin.readline()
t=time.time(); fc=fb=0
for _ in range(20000):
    s=socket.socket()
    try: s.connect(("127.0.0.1",5000))
    except OSError as e: fc+= e.errno==99
    s.close()
for _ in range(10000):
    s=socket.socket()
    try: s.bind(("127.0.0.1",5000))
    except OSError as e: fb+= e.errno==98
    s.close()
print(fc, fb, round((fc+fb)/(time.time()-t)), flush=True); sys.stdin.readline()
' <&3 > /tmp/m-out-$$ &
W=$!
sleep 1; for i in $(seq 50); do [ -s /tmp/m-out-$$ ] && break; sleep 0.2; done
PID=$(head -1 /tmp/m-out-$$)
env --default-signal=INT XDG_DATA_HOME=/tmp/m-state-$$ $B trace --pid $PID --duration 5m --format json > /tmp/m-trace-$$.json 2>/tmp/m-err-$$ &
T=$!
for i in $(seq 100); do grep -q tracing /tmp/m-err-$$ && break; sleep 0.2; done
echo go >&3
for i in $(seq 300); do [ $(wc -l < /tmp/m-out-$$) -ge 2 ] && break; sleep 0.2; done
kill -INT $T; wait $T
echo "workload: pid failed_connects failed_binds failures_per_s"; cat /tmp/m-out-$$ | tr '\n' ' '; echo
python3 -c "
import json; d=json.load(open('/tmp/m-trace-$$.json'))
print('trace:', [(p['pid'], [(f['call'], f['errno'], f['count']) for f in p['failures']]) for p in d['processes']], 'lost', d['lostEvents'])"
echo x >&3; wait $W || true
rm -rf /tmp/m-*-$$ /tmp/m-state-$$
ls /sys/kernel/tracing/instances
