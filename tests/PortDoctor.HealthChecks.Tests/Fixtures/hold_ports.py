#!/usr/bin/env python3
"""Fills the ephemeral range toward one destination, inside the network namespace it runs in.

Usage: hold_ports.py PORT. Listens on 127.0.0.1:PORT; each line "N" on stdin makes it hold N open
connections to that listener (each client side takes one ephemeral port), then prints "held N".
Exits when stdin closes.
"""
import socket
import sys

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(sys.argv[1])))
listener.listen(4096)
pairs = []
print("listening", flush=True)
for line in sys.stdin:
    want = int(line)
    while len(pairs) < want:
        client = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        pairs.append((client, listener.accept()[0]))
    print(f"held {len(pairs)}", flush=True)
