#!/bin/bash
# Usage (root): [WORKERS=N] bench/trace-attribution.sh [CONNECTS] [BINDS]  (default 200000 100000, N = nproc)
# Measures trace attribution at >= 10,000 failures/s: a C workload (compiled with gcc here, at run time)
# in a throw-away namespace holds every port of a 10-port range, then its N forked processes make CONNECTS failing connects
# (EADDRNOTAVAIL) and BINDS failing binds to a port in use (EADDRINUSE) as fast as it can, counting each
# errno itself; `portdoctor trace --pid` (their PIDs) runs meanwhile. Prints both counts, the rate, the share
# attributed to the workload's PIDs with the right errno, trace's lost events, and the load.
# PORTDOCTOR=path/to/portdoctor picks the binary (default: the Release build of this tree).
set -e
B=${PORTDOCTOR:-$(dirname "$0")/../src/PortDoctor.Cli/bin/Release/net10.0/portdoctor}
CONNECTS=${1:-200000} BINDS=${2:-100000} WORKERS=${WORKERS:-$(nproc)}
NS=pdt-measure-$$ W=/tmp/pdt-measure-$$
mkdir -p $W
trap 'kill $T $P 2>/dev/null || true; ip netns delete $NS || true; ip netns delete $NS-untraced || true; rm -rf $W' EXIT
for n in $NS $NS-untraced; do
  ip netns add $n
  ip netns exec $n ip link set lo up
  ip netns exec $n sh -c 'echo "40000 40009" > /proc/sys/net/ipv4/ip_local_port_range'
done
cat > $W/fail.c <<'C'
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
/* argv: connects binds workers. Holds every port, forks the workers (each waits on a pipe), prints
   their PIDs, waits for a line on stdin, releases them, prints the summed counts and the rate. */
int main(int argc, char **argv) {
  long connects = atol(argv[1]), binds = atol(argv[2]), fc = 0, fb = 0;
  int workers = atoi(argv[3]), go[2], done[2];
  struct sockaddr_in srv = {.sin_family = AF_INET, .sin_port = htons(5000)};
  srv.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int l = socket(AF_INET, SOCK_STREAM, 0);
  if (bind(l, (void *)&srv, sizeof srv) || listen(l, 1000)) return perror("listen"), 1;
  for (;;) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (void *)&srv, sizeof srv)) { close(s); break; }
  }
  if (pipe(go) || pipe(done)) return 1;
  for (int w = 0; w < workers; w++) {
    pid_t pid = fork();
    if (pid == 0) {
      char c; long n[2] = {0, 0};
      if (read(go[0], &c, 1) != 1) _exit(1);
      for (long i = w; i < connects; i += workers) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (void *)&srv, sizeof srv) && errno == EADDRNOTAVAIL) n[0]++;
        close(s);
      }
      for (long i = w; i < binds; i += workers) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (bind(s, (void *)&srv, sizeof srv) && errno == EADDRINUSE) n[1]++;
        close(s);
      }
      _exit(write(done[1], n, sizeof n) == sizeof n ? 0 : 1);
    }
    printf("%d ", pid);
  }
  printf("\n"); fflush(stdout);
  char line[16]; if (!fgets(line, sizeof line, stdin)) return 1;
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int w = 0; w < workers; w++) if (write(go[1], "g", 1) != 1) return 1;
  for (int w = 0; w < workers; w++) {
    long n[2];
    if (read(done[0], n, sizeof n) != sizeof n) return 1;
    fc += n[0]; fb += n[1];
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  while (wait(NULL) > 0) {}
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%ld %ld %.0f\n", fc, fb, (fc + fb) / s); fflush(stdout);
  return fgets(line, sizeof line, stdin) ? 0 : 0;
}
C
gcc -O2 -o $W/fail $W/fail.c
# The same workload untraced first, in its own namespace: the rate the machine gives without trace.
echo "load before untraced: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r UFC UFB URATE < <(ip netns exec $NS-untraced sh -c "printf 'go\nx\n' | $W/fail $CONNECTS $BINDS $WORKERS" | sed -n 2p)
echo "untraced workload: $UFC failed connects, $UFB failed binds, $URATE failures/s"
mkfifo $W/in; exec 3<>$W/in
ip netns exec $NS $W/fail $CONNECTS $BINDS $WORKERS <&3 > $W/out &
P=$!
for i in $(seq 50); do [ -s $W/out ] && break; sleep 0.2; done
PIDS=$(head -1 $W/out)
env --default-signal=INT XDG_DATA_HOME=$W/state $B trace $(printf -- '--pid %s ' $PIDS) --duration 10m --format json > $W/trace.json 2>$W/err &
T=$!
for i in $(seq 150); do grep -q tracing $W/err && break; sleep 0.2; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo go >&3
for i in $(seq 1500); do [ $(wc -l < $W/out) -ge 2 ] && break; sleep 0.2; done
sleep 1 # the last events through trace_pipe
kill -INT $T; wait $T || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r FC FB RATE < <(sed -n 2p $W/out)
echo "workload: $WORKERS processes ($PIDS), $FC failed connects (EADDRNOTAVAIL), $FB failed binds (EADDRINUSE), $RATE failures/s traced ($(( 100 * RATE / (URATE > 0 ? URATE : 1) ))% of untraced)"
python3 - "$W/trace.json" "$PIDS" "$FC" "$FB" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); pids, fc, fb = {int(p) for p in sys.argv[2].split()}, int(sys.argv[3]), int(sys.argv[4])
got = {}
for p in d['processes']:
    for f in p['failures']:
        if p['pid'] in pids:
            got[(f['call'], f['errno'])] = got.get((f['call'], f['errno']), 0) + f['count']
others = sum(f['count'] for p in d['processes'] if p['pid'] not in pids for f in p['failures'])
c, b = got.get(('connect', 'EADDRNOTAVAIL'), 0), got.get(('bind', 'EADDRINUSE'), 0)
print(f"trace: connect EADDRNOTAVAIL {c}/{fc} ({100*c/max(fc,1):.2f}%), bind EADDRINUSE {b}/{fb} ({100*b/max(fb,1):.2f}%), "
      f"other PIDs {others}, lost events {d['lostEvents']}, all: {got}")
PY
echo x >&3; wait $P || true
ls /sys/kernel/tracing/instances
