#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One request sent byte for byte, for the answers curl cannot provoke (a
head the service's gate refuses: too long, wrong version, unknown
transfer coding, never finished).

Usage: raw_request.py PORT REQUEST_FILE OUT

Sends REQUEST_FILE's bytes as they are (the socket left open: a head cut
short waits for the gate's deadline), reads the answer to the end of the
connection, writes its head to OUT.h and its body to OUT.b as curl's -D
and -o would, and prints the status code."""
import sys

sys.path.insert(0, sys.path[0])
import client  # noqa: E402

port, request, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = client.connect(port, timeout=30)
s.sendall(open(request, "rb").read())
status, fields, body = client.receive(s)
with open(out + ".h", "w", encoding="latin-1", newline="") as h:
    h.write(status + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n")
with open(out + ".b", "wb") as b:
    b.write(body)
print(status.split()[1] if len(status.split()) > 1 else "000")
