# SPDX-License-Identifier: Apache-2.0
"""What the service's Python tests (tests/serve/*.py) share: TAP-like
checks counted rather than fatal, a POST head sent by hand on a raw socket
(so that a test can stop halfway through the body), and the answer read
to the end of the connection (every answer closes it)."""
import socket

failed = False


def check(ok, what):
    global failed
    print(("ok - " if ok else "not ok - ") + what, flush=True)
    failed = failed or not ok


def post_head(port, body, path="/v1/render", extra=""):
    """The head of a POST of `body` (XML), with `extra` header lines
    ("Name: value\\r\\n" each)."""
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/xml\r\n"
            f"{extra}Content-Length: {len(body)}\r\n\r\n").encode()


def connect(port, timeout=60):
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def receive(s):
    """(status line, lower-cased header fields, body) of the answer on s,
    read until the server closes the connection; s is closed."""
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    header, _, rest = data.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return lines[0], fields, rest
