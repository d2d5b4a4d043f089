#!/usr/bin/env python3
"""Writes the guide's periodic log (ECHO %date% %time% + netstat -ano, CRLF) of about SIZE bytes.

Usage: generate-periodic-log.py OUT [SIZE_GB=1.0] [ROWS_PER_BLOCK=15000]
Each block is one minute; a leaking process (PID 4321) gains TIME_WAIT and CLOSE_WAIT rows over time.
"""
import random, sys

out = sys.argv[1]
size = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
per_block = int(sys.argv[3]) if len(sys.argv) > 3 else 15000
target = int(size * 1e9)
random.seed(42)
states = ["ESTABLISHED"] * 5 + ["TIME_WAIT"] * 4 + ["CLOSE_WAIT", "LISTENING", "FIN_WAIT_2", "SYN_SENT", "BOUND"]
pids = [4, 784, 1060, 2244, 4321, 5120, 7788]
remotes = [f"10.0.{i // 250}.{i % 250 + 1}" for i in range(400)]
written = 0
block = 0
rows = 0
with open(out, "wb", buffering=1 << 22) as f:
    while written < target:
        minute = block
        stamp = f"Mon 01/{15 + minute // 1440:02d}/2024 {(minute // 60) % 24:2d}:{minute % 60:02d}:00.{block % 100:02d} \r\n"
        lines = [stamp, "\r\n", "Active Connections\r\n", "\r\n",
                 "  Proto  Local Address          Foreign Address        State           PID\r\n"]
        for i in range(per_block):
            state = states[(i * 5 + block) % len(states)]
            pid = 0 if state == "TIME_WAIT" else pids[(i + block) % len(pids)]
            local = f"10.0.0.5:{49152 + (i * 13 + block) % 16384}"
            remote = "0.0.0.0:0" if state in ("LISTENING", "BOUND") else f"{remotes[(i + block) % len(remotes)]}:{443 if i % 3 else 1433}"
            lines.append(f"  TCP    {local:<23}{remote:<23}{state:<16}{pid}\r\n")
        data = "".join(lines).encode("ascii")
        f.write(data)
        written += len(data)
        block += 1
        rows += per_block
print(f"{out}: {written / 1e9:.2f} GB, {block} blocks, {rows} rows")
