#!/usr/bin/env python3
"""Writes one hostile input shape of about SIZE_MB megabytes (issue 10, section 4).

Usage: generate-hostile.py SHAPE OUT [SIZE_MB=200]
Shapes: long-line (one line of SIZE, then a bad row), continuation (Format-List event with a
message wrapped over millions of lines), samples (one-row netstat samples), group-object
(Group-Object lines with huge counts), exclusions (netsh excludedportrange lines), binary (random bytes).
"""
import os, random, sys

shape, out = sys.argv[1], sys.argv[2]
target = int(float(sys.argv[3]) * 1e6) if len(sys.argv) > 3 else 200_000_000
random.seed(10)


def repeat(f, head, unit, tail=b""):
    f.write(head)
    written = len(head)
    block = unit * max(1, (1 << 20) // len(unit))
    while written < target:
        f.write(block)
        written += len(block)
    f.write(tail)


with open(out, "wb") as f:
    if shape == "long-line":
        header = b"Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
        repeat(f, header, b"x" * 64, b"\r\n  TCP    10.0.0.5:50001         nonsense\r\n")
    elif shape == "continuation":
        repeat(f, b"TimeCreated  : 1/15/2024 10:00:00 AM\r\nId           : 4227\r\nMessage      : TCP/IP failed to establish\r\n",
               b"               an outgoing connection because the selected local endpoint was recently used\r\n")
    elif shape == "samples":
        unit = bytearray()
        for minute in range(1440):
            unit += (f"Mon 01/15/2024 {minute // 60:2d}:{minute % 60:02d}:00.00\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
                     f"  TCP    10.0.0.5:50000         10.0.0.9:443           ESTABLISHED     {minute % 50 + 100}\r\n").encode()
        repeat(f, b"", bytes(unit))
    elif shape == "group-object":
        repeat(f, b"Count Name                      Group\r\n----- ----                      -----\r\n",
               b"999999 TimeWait, 0               {MSFT_NetTCPConnection}\r\n")
    elif shape == "exclusions":
        unit = bytearray()
        for i in range(4096):
            start = 1024 + (i * 7) % 60000
            unit += f"{start:>10}    {start + 500:>8}\r\n".encode()
        repeat(f, b"Protocol tcp Port Exclusion Ranges\r\n\r\nStart Port    End Port\r\n----------    --------\r\n", bytes(unit))
    elif shape == "binary":
        chunk = os.urandom(1 << 20)
        repeat(f, b"", chunk)
    else:
        sys.exit(f"unknown shape {shape}")
print(f"{out}: {os.path.getsize(out) / 1e6:.0f} MB")
