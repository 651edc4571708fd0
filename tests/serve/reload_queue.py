#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""SIGHUP while renders wait in the queue (tests/serve/ops.sh).

Usage: reload_queue.py PORT PID SAMPLE XSL LOG

With one render thread, sends N renders of SAMPLE at once, checks that some
wait in the queue (GET /metrics), edits the default template's XSL (its
title "Extrait du registre des délibérations" becomes "Extrait du registre
neuf"), sends SIGHUP, waits for the reload in LOG, sends one more render:
every render queued before the SIGHUP has the old title, the one after the
new. Exit status 0 when all holds.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import client
from client import check, connect, post_head, receive

port, pid, sample, xsl, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
body = open(sample, "rb").read()
N = 40  # at 5–10 ms a render, the last ones still wait 0.15 s after sending


def send():
    s = connect(port, timeout=120)
    s.sendall(post_head(port, body) + body)
    return s


def title(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True).stdout.decode("utf-8")
    m = re.search(r"Extrait du registre (des délibérations|neuf)", text)
    return m.group(1) if m else None


before = [send() for _ in range(N)]
time.sleep(0.15)
metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
queued = int(re.search(r"^delib_queue_depth (\d+)$", metrics, re.M).group(1))
check(queued > 0, f"renders wait in the queue at the SIGHUP ({queued})")
with open(xsl, encoding="utf-8") as f:
    text = f.read()
with open(xsl + ".new", "w", encoding="utf-8") as f:
    f.write(text.replace("Extrait du registre des délibérations", "Extrait du registre neuf"))
os.rename(xsl + ".new", xsl)
reloads = open(log, encoding="utf-8").read().count("rechargés")
os.kill(pid, signal.SIGHUP)
for _ in range(300):
    if open(log, encoding="utf-8").read().count("rechargés") > reloads:
        break
    time.sleep(0.1)
after = send()
titles = [title(receive(s)[2]) for s in before]
check(titles == ["des délibérations"] * N, f"the {N} renders queued before SIGHUP have the old template: {titles}")
check(title(receive(after)[2]) == "neuf", "the render queued after SIGHUP has the new template")
sys.exit(1 if client.failed else 0)
