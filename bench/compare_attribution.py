#!/usr/bin/env python3
"""Checks that portdoctor attributes every TCP socket as `ss -tanp` does.

Usage: compare_attribution.py PORTDOCTOR_JSON SS_OUTPUT
Matches sockets by state and 4-tuple; a socket is right when portdoctor's pid is one of the pids
ss lists for it (ss lists every process sharing the socket), or both say it has no owner.
Prints "sockets=N matched=N mismatched=N missing=N" and exits 1 on any difference.
"""
import json
import re
import sys

STATES = {"ESTAB": "ESTABLISHED", "TIME-WAIT": "TIME_WAIT", "LISTEN": "LISTEN", "SYN-SENT": "SYN_SENT",
          "SYN-RECV": "SYN_RECEIVED", "FIN-WAIT-1": "FIN_WAIT_1", "FIN-WAIT-2": "FIN_WAIT_2",
          "CLOSE-WAIT": "CLOSE_WAIT", "LAST-ACK": "LAST_ACK", "CLOSING": "CLOSING", "UNCONN": "BOUND"}


def split(endpoint):
    address, _, port = endpoint.rpartition(":")
    address = address.strip("[]")
    return ("0.0.0.0" if address == "*" else address), (0 if port == "*" else int(port))


ss = {}
with open(sys.argv[2]) as lines:
    next(lines)
    for line in lines:
        fields = line.split()
        if len(fields) < 5:
            continue
        key = (STATES.get(fields[0], fields[0]),) + split(fields[3]) + split(fields[4])
        ss[key] = set(int(p) for p in re.findall(r"pid=(\d+)", line))

with open(sys.argv[1]) as f:
    sockets = [s for s in json.load(f)["sockets"] if s["protocol"] == "tcp" and s["family"] == "ipv4"]

matched = mismatched = missing = 0
for s in sockets:
    key = (s["state"], s["localAddress"], s["localPort"], s["remoteAddress"], s["remotePort"])
    if key not in ss:
        missing += 1
        continue
    pids = ss[key]
    if (s["pid"] is None and not pids) or (s["pid"] in pids):
        matched += 1
    else:
        mismatched += 1
        if mismatched <= 5:
            print(f"differs: {key} portdoctor={s['pid']} ss={sorted(pids)}", file=sys.stderr)

print(f"sockets={len(sockets)} ss={len(ss)} matched={matched} mismatched={mismatched} missing={missing}")
sys.exit(0 if mismatched == 0 and missing == 0 and len(sockets) == len(ss) else 1)
