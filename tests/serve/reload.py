#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""SIGHUP while a request is in flight (tests/serve/ops.sh).

Usage: reload.py PORT PID SAMPLE

Sends the headers and half the body of POST /v1/render, sends SIGHUP to
the server (the templates are read again), checks that a new connection is
still served, sends the rest of the body and checks that the request
completes: 200 and a whole PDF. Exit status 0 when all holds.
"""
import os
import signal
import sys
import time
import urllib.request

import client
from client import check, connect, post_head, receive

port, pid, sample = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
body = open(sample, "rb").read()

s = connect(port)
head = post_head(port, body, extra="X-Request-Id: en-vol\r\n")
half = len(body) // 2
s.sendall(head + body[:half])
time.sleep(0.5)  # the server has read the headers: the request has begun
os.kill(pid, signal.SIGHUP)
time.sleep(0.5)
with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as r:
    check(r.status == 200, "a new request is served after SIGHUP")
s.sendall(body[half:])
status, fields, rest = receive(s)
check(status.startswith("HTTP/1.1 200"), f"the request in flight completes: {status}")
check(fields.get("x-request-id") == "en-vol", f"X-Request-Id: {fields.get('x-request-id')}")
check(rest.startswith(b"%PDF-") and len(rest) == int(fields.get("content-length", "-1")), "the whole PDF arrives")
sys.exit(1 if client.failed else 0)
