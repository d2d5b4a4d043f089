#!/usr/bin/env python3
"""Holds TCP sockets for the connections benchmark, inside the network namespace it runs in.

Usage: socket_holder.py ESTABLISHED_PAIRS TIME_WAITS
Creates TIME_WAITS connections closed client-first (each leaves one TIME_WAIT socket), then
ESTABLISHED_PAIRS connections kept open: the server side in this process, the client side in a
forked child, so sockets have two different owners. Prints "ready" and waits for stdin to close.
"""
import os
import resource
import socket
import sys

pairs, time_waits = int(sys.argv[1]), int(sys.argv[2])
limit = pairs + 1024
resource.setrlimit(resource.RLIMIT_NOFILE, (max(limit, 4096), max(limit, 4096)))

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 9000))
listener.listen(4096)

for _ in range(time_waits):
    client = socket.create_connection(("127.0.0.1", 9000))
    server, _ = listener.accept()
    client.close()  # the side that closes first ends in TIME_WAIT
    server.recv(1)
    server.close()

read_end, write_end = os.pipe()
child = os.fork()
if child == 0:
    os.close(read_end)
    clients = [socket.create_connection(("127.0.0.1", 9000)) for _ in range(pairs)]
    os.write(write_end, b"x")
    os.close(write_end)
    sys.stdin.read()
    os._exit(0)

os.close(write_end)
servers = []
while len(servers) < pairs:
    servers.append(listener.accept()[0])
os.read(read_end, 1)
print("ready", flush=True)
sys.stdin.read()
os.kill(child, 9)
os.waitpid(child, 0)
