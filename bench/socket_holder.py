#!/usr/bin/env python3
"""Holds TCP sockets for the connections benchmark, inside the network namespace it runs in.

Usage: socket_holder.py ESTABLISHED_PAIRS TIME_WAITS [churn]
Creates TIME_WAITS connections closed client-first (each leaves one TIME_WAIT socket), then
ESTABLISHED_PAIRS connections kept open: the server side in this process, the client side in a
forked child, so sockets have two different owners. Prints "ready" and waits for stdin to close.
With "churn", it keeps the TIME_WAIT count up while it waits: Linux keeps a TIME_WAIT socket 60 s,
so it opens and closes (client first) TIME_WAITS / 60 connections a second, in ten steps a second,
as a busy host's short connections do. The open file limit caps pairs at the hard limit - 1024.
"""
import os
import resource
import select
import socket
import sys
import time

pairs, time_waits = int(sys.argv[1]), int(sys.argv[2])
churn = len(sys.argv) > 3 and sys.argv[3] == "churn"
limit = pairs + 1024
resource.setrlimit(resource.RLIMIT_NOFILE, (max(limit, 4096), max(limit, 4096)))

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 9000))
listener.listen(4096)



def leave_time_waits(count):
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", 9000))
        server, _ = listener.accept()
        client.close()  # the side that closes first ends in TIME_WAIT
        try:
            server.recv(1)
        except ConnectionResetError:
            pass  # seen once in a busy run: that connection leaves no TIME_WAIT, the next step goes on
        server.close()


def wait_for_stdin_close():
    if not churn:
        sys.stdin.read()
        return
    step, owed, last = 0.1, 0.0, time.monotonic()
    while True:
        readable, _, _ = select.select([sys.stdin], [], [], step)
        if readable and not os.read(sys.stdin.fileno(), 4096):
            return
        now = time.monotonic()
        owed += (now - last) * time_waits / 60.0
        last = now
        leave_time_waits(int(owed))
        owed -= int(owed)


leave_time_waits(time_waits)

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
try:
    wait_for_stdin_close()
finally:
    os.kill(child, 9)
    os.waitpid(child, 0)
