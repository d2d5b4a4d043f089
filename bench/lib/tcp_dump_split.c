// tcp_dump_split ROUNDS MASK...: ROUNDS rounds, each one TCPDIAG_GETSOCK dump (AF_UNSPEC, both families, one
// walk: what the monitor asks) per state mask in turn; prints per mask the median thread CPU (user +
// kernel: nearly all of it is the kernel's walk) of one dump and the sockets it listed. Used by
// bench/tcp-dump-split.sh.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/inet_diag.h>
static double cpu_ms(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static long dump(unsigned mask) {
  static char buf[65536]; long n = 0;
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  struct { struct nlmsghdr h; struct inet_diag_req r; } req; memset(&req, 0, sizeof req);
  req.h.nlmsg_len = sizeof req; req.h.nlmsg_type = 18; req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP; req.h.nlmsg_seq = 1;
  req.r.idiag_states = mask;
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
  sendto(fd, &req, sizeof req, 0, (struct sockaddr*)&sa, sizeof sa);
  for (;;) {
    int r = recv(fd, buf, sizeof buf, 0); if (r <= 0) break;
    for (struct nlmsghdr *h = (void*)buf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) { close(fd); return n; }
      n++;
    }
  }
  close(fd); return n;
}
static int cmp(const void *a, const void *b) { double x = *(double*)a, y = *(double*)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
  int n = atoi(argv[1]), m = argc - 2;
  double *t = calloc((size_t)n * m, sizeof *t); long *c = calloc(m, sizeof *c);
  for (int k = 0; k < n; k++)
    for (int j = 0; j < m; j++) { unsigned mask = strtoul(argv[2 + j], 0, 0); double a = cpu_ms(); c[j] = dump(mask); t[j * n + k] = cpu_ms() - a; }
  for (int j = 0; j < m; j++) { qsort(t + j * n, n, sizeof *t, cmp); printf("mask %-10s sockets %6ld  median CPU ms %.2f  (p10 %.2f, p90 %.2f)\n", argv[2 + j], c[j], t[j * n + n / 2], t[j * n + n / 10], t[j * n + 9 * n / 10]); }
}
