#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Clients that abuse `delib serve` (issue 14), run by tests/serve/abuse.sh.

  abuse.py PORT heads                 malformed heads: one JSON answer each, then closed
  abuse.py PORT head-deadline MS      a head trickled forever: 408 JSON near MS, closed
  abuse.py PORT body-deadline MS      a body trickled forever: closed near MS
  abuse.py PORT per-client N          N+1 connections of one address: 503 http.client-limit
  abuse.py PORT flood BODY            slow clients flood from 127.0.0.1 while a client
                                      from 127.0.0.2 posts BODY: every answer within 1 s

Prints "ok - …" / "not ok - …" lines (TAP-like); exit 1 if any failed.
"""
import json
import socket
import sys
import threading
import time

PORT = int(sys.argv[1])
FAILED = False


def check(cond, what):
    global FAILED
    print(("ok - " if cond else "not ok - ") + what, flush=True)
    FAILED |= not cond


def connect(source="127.0.0.1", timeout=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", PORT))
    return s


def read_all(s, limit=10):
    """Everything until the server closes (b'' on reset); None on timeout."""
    out, t0 = b"", time.time()
    try:
        while time.time() - t0 < limit:
            d = s.recv(65536)
            if not d:
                return out
            out += d
    except ConnectionResetError:
        return out
    except socket.timeout:
        return None
    return None


def parse(resp):
    """(status, headers dict, body) of one HTTP response, or None."""
    if not resp or b"\r\n\r\n" not in resp:
        return None
    head, body = resp.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body


def one_answer(raw, status, error_id, what):
    s = connect()
    s.sendall(raw)
    resp = read_all(s)
    s.close()
    r = parse(resp)
    if not r:
        check(False, "%s : pas de réponse (%r)" % (what, resp[:200] if resp else resp))
        return
    st, headers, body = r
    try:
        doc = json.loads(body.decode("utf-8"))
    except ValueError:
        doc = {}
    check(st == status and doc.get("error") == error_id and isinstance(doc.get("message"), str) and
          resp.startswith(b"HTTP/1.1 ") and resp.count(b"\r\n\r\n") == 1 and headers.get("content-type", "").startswith("application/json") and
          headers.get("connection") == "close" and int(headers.get("content-length", -1)) == len(body),
          "%s : %d %s en JSON, une seule réponse, connexion fermée (reçu %d %r)" % (
              what, status, error_id, st, body[:120]))


def heads():
    post = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
    one_answer(post + b"Content-Length: -1\r\n\r\n", 400, "http.content-length", "Content-Length: -1")
    one_answer(post + b"Content-Length: 4\r\nContent-Length: 5\r\n\r\n<a/>", 400, "http.content-length",
               "deux Content-Length")
    one_answer(post + b"Content-Length: 4\r\nContent-Length: 4\r\n\r\n<a/>", 400, "http.content-length",
               "deux Content-Length égaux")
    one_answer(post + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
               "http.content-length", "Content-Length et Transfer-Encoding")
    one_answer(post + b"Content-Length: 1e3\r\n\r\n", 400, "http.content-length", "Content-Length: 1e3")
    one_answer(post + b"Transfer-Encoding: gzip\r\n\r\n", 501, "http.transfer-encoding",
               "Transfer-Encoding: gzip")
    # Chunked bodies are refused before libmicrohttpd parses their framing,
    # whose errors it would answer in its own HTML: well-formed or broken.
    one_answer(post + b"Transfer-Encoding: chunked\r\n\r\n4\r\n<a/>\r\n0\r\n\r\n", 411,
               "http.length-required", "corps chunked bien formé")
    one_answer(post + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n<a/>\r\n", 411,
               "http.length-required", "corps chunked mal découpé")
    q = b"&".join(b"p%d=1" % i for i in range(350))
    one_answer(b"POST /v1/validate?" + q + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
               b"Content-Length: 4\r\n\r\n<a/>", 414, "http.query-too-long", "350 paramètres de requête")
    q = b"&".join(b"p%d=1" % i for i in range(20))
    one_answer(b"GET /healthz?" + q + b" HTTP/1.1\r\nHost: x\r\n\r\n", 400, "http.query", "20 paramètres courts")
    one_answer(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "http.uri-too-long",
               "adresse de 70 000 octets")
    one_answer(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 70000 + b"\r\n\r\n", 431,
               "http.headers-too-large", "en-tête de 70 000 octets")
    one_answer(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-A: 1\r\n" * 100 + b"\r\n", 431,
               "http.headers-too-large", "100 en-têtes")
    one_answer(b"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", 505, "http.version", "HTTP/2.0 en clair")
    one_answer(b"GET healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "http.malformed", "cible sans « / »")
    # What passes the gate is still answered by the service.
    s = connect()
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    r = parse(read_all(s))
    check(r is not None and r[0] == 200 and r[1].get("connection") == "close", "GET /healthz : 200, puis fermée")


def trickle_until_closed(s, data, step=0.1, limit=30):
    """Sends data a byte at a time (then spaces); returns (seconds, what was read)."""
    t0 = time.time()
    i = 0
    s.settimeout(step)
    got = b""
    while time.time() - t0 < limit:
        try:
            s.send(data[i:i + 1] if i < len(data) else b" ")
        except (BrokenPipeError, ConnectionResetError):
            break
        i += 1
        try:
            d = s.recv(65536)
            if not d:
                break
            got += d
        except socket.timeout:
            pass
        except ConnectionResetError:
            break
    return time.time() - t0, got


def head_deadline(ms):
    s = connect()
    took, got = trickle_until_closed(s, b"GET /healthz HTTP/1.1\r\nX-Lent: " + b"a" * 10000)
    r = parse(got)
    check(ms / 1000 - 0.2 <= took <= ms / 1000 + 1.5,
          "en-têtes au goutte-à-goutte : coupé après %.2f s (délai %d ms)" % (took, ms))
    check(r is not None and r[0] == 408 and json.loads(r[2]).get("error") == "http.timeout",
          "en-têtes au goutte-à-goutte : 408 http.timeout en JSON (reçu %r)" % got[:100])


def body_deadline(ms):
    s = connect()
    head = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n\r\n"
    s.sendall(head)
    took, _ = trickle_until_closed(s, b"<a>" + b" " * 100000)
    check(ms / 1000 - 0.2 <= took <= ms / 1000 + 1.5,
          "corps au goutte-à-goutte : coupé après %.2f s (délai %d ms)" % (took, ms))


def per_client(n):
    held = [connect() for _ in range(n)]
    for s in held:
        s.sendall(b"GET /healthz HTTP/1.1\r\n")  # a head begun, never ended
    time.sleep(0.3)
    one_answer(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 503, "http.client-limit",
               "connexion %d de la même adresse" % (n + 1))
    s = connect("127.0.0.2")
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    r = parse(read_all(s))
    check(r is not None and r[0] == 200, "une autre adresse est servie pendant ce temps")
    for s in held:
        s.close()


def flood(body_path):
    body = open(body_path, "rb").read()
    stop = threading.Event()
    opened = [0]

    def slow_client():
        while not stop.is_set():
            try:
                s = connect(timeout=1)
                opened[0] += 1
                s.sendall(b"POST /v1/validate HTTP/1.1\r\nHost: x\r\n")
                while not stop.is_set():
                    s.send(b"X")  # a byte of header every 100 ms: never idle, never done
                    time.sleep(0.1)
            except OSError:
                time.sleep(0.05)
            finally:
                try:
                    s.close()
                except Exception:
                    pass

    threads = [threading.Thread(target=slow_client, daemon=True) for _ in range(24)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    worst, answers, t_end = 0.0, 0, time.time() + 8
    statuses = set()
    while time.time() < t_end:
        t0 = time.time()
        try:
            s = connect("127.0.0.2", timeout=5)
            s.sendall(b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
                      b"Content-Length: %d\r\n\r\n" % len(body) + body)
            r = parse(read_all(s, 5))
            s.close()
        except OSError:
            r = None
        took = time.time() - t0
        worst = max(worst, took)
        statuses.add(r[0] if r else None)
        answers += r is not None and r[0] == 200
        time.sleep(0.2)
    stop.set()
    print("# pendant l'inondation (%d connexions lentes ouvertes) : %d réponses 200, pire délai %.3f s" % (
        opened[0], answers, worst), flush=True)
    check(statuses == {200} and worst < 1.0 and answers >= 10,
          "client légitime servi en moins d'une seconde pendant l'inondation (pire %.3f s, statuts %s)" % (
              worst, sorted(map(str, statuses))))


case = sys.argv[2]
if case == "heads":
    heads()
elif case == "head-deadline":
    head_deadline(int(sys.argv[3]))
elif case == "body-deadline":
    body_deadline(int(sys.argv[3]))
elif case == "per-client":
    per_client(int(sys.argv[3]))
elif case == "flood":
    flood(sys.argv[3])
sys.exit(1 if FAILED else 0)
