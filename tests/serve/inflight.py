#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""SIGTERM while a request is in flight (tests/serve/shutdown.sh).

Usage: inflight.py PORT PID SAMPLE OUT.pdf

Sends the headers and half the body of POST /v1/render, sends SIGTERM to
the server, checks that a new connection is refused, sends the rest of the
body, and checks that the request still completes: 200, application/pdf,
"Connection: close". Writes the PDF to OUT.pdf. Exit status 0 when all holds.
"""
import os
import signal
import socket
import sys
import time

import client
from client import check, connect, post_head

port, pid, sample, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
body = open(sample, "rb").read()

s = connect(port)
head = post_head(port, body)
half = len(body) // 2
s.sendall(head + body[:half])
time.sleep(0.5)  # the server has read the headers: the request has begun
os.kill(pid, signal.SIGTERM)
time.sleep(0.5)
try:
    c = socket.create_connection(("127.0.0.1", port), timeout=2)
    c.close()
    refused = False
except OSError:
    refused = True
check(refused, "a new connection is refused once SIGTERM is received")
s.sendall(body[half:])

data = b""
while b"\r\n\r\n" not in data:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
header, _, rest = data.partition(b"\r\n\r\n")
lines = header.decode("latin-1").split("\r\n")
fields = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
length = int(fields.get("content-length", "0"))
while len(rest) < length:
    chunk = s.recv(65536)
    if not chunk:
        break
    rest += chunk
s.close()
check(lines[0].startswith("HTTP/1.1 200"), f"the request in flight completes: {lines[0]}")
check(fields.get("content-type") == "application/pdf", f"Content-Type: {fields.get('content-type')}")
check(fields.get("connection", "").lower() == "close", f"Connection: {fields.get('connection')}")
check(len(rest) == length and rest.startswith(b"%PDF-"), f"the whole PDF arrives ({len(rest)} of {length} bytes)")
with open(out, "wb") as f:
    f.write(rest)
sys.exit(1 if client.failed else 0)
