#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Real answers of `delib serve` checked against docs/openapi.json (tests/serve/api.sh).

Usage: openapi_check.py SPEC RECORDS

SPEC is the description; RECORDS a file of lines "METHOD PATH STATUS
HEADERS_FILE BODY_FILE", one per answer captured with curl. The description
is checked first (OpenAPI 3.1.0, every schema a valid JSON Schema 2020-12,
every $ref resolved); then each answer: its path and method are described,
its status is among the operation's responses, its Content-Type among that
response's media types, its JSON body valid against the schema, and every
header the response declares required is there and matches its schema.
Every route of the description must have been exercised. Exit status 0
when all holds.
"""
import json
import re
import sys

from jsonschema import Draft202012Validator

spec_path, records_path = sys.argv[1], sys.argv[2]
spec = json.load(open(spec_path, encoding="utf-8"))
failed = False


def check(ok, what):
    global failed
    print(("ok - " if ok else "not ok - ") + what, flush=True)
    failed = failed or not ok


def resolve(node):
    """A $ref of the description's own components, followed."""
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/components/headers/"):
        node = spec["components"]["headers"][node["$ref"].rsplit("/", 1)[1]]
    return node


def validator(schema):
    # The components beside the schema, so that "#/components/…" resolves.
    return Draft202012Validator({**schema, "components": spec["components"]})


def refs(node, out):
    if isinstance(node, dict):
        if "$ref" in node:
            out.append(node["$ref"])
        for v in node.values():
            refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)
    return out


# ---- The description itself
check(spec.get("openapi") == "3.1.0", "openapi: 3.1.0")
unresolved = []
for ref in refs(spec, []):
    node = spec
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part) if isinstance(node, dict) else None
    if node is None:
        unresolved.append(ref)
check(not unresolved, f"every $ref resolves {unresolved}")
for name, schema in spec["components"]["schemas"].items():
    Draft202012Validator.check_schema(schema)
check(True, "every component is a valid JSON Schema 2020-12")

# ---- The answers
seen = set()
for line in open(records_path, encoding="utf-8"):
    method, path, status, headers_file, body_file = line.split()
    what = f"{method} {path} {status}"
    op = spec["paths"].get(path, {}).get(method.lower())
    if not op and path in spec["paths"] and status == "405":
        # Another method on a described path: the 405 every route answers
        # (OpenAPI has no way to describe "any other method").
        op = {"responses": {"405": next(iter(spec["paths"][path].values()))["responses"]["405"]}}
    elif not op:
        check(False, f"{what}: not described")
        continue
    if method.lower() in spec["paths"][path]:
        seen.add((path, method.lower()))
    resp = op["responses"].get(status)
    if resp and "$ref" in resp:  # a refusal at the gate, described once
        resp = spec["components"]["responses"][resp["$ref"].rsplit("/", 1)[1]]
    if not resp:
        check(False, f"{what}: status not among {sorted(op['responses'])}")
        continue
    raw = open(headers_file, encoding="latin-1", newline="").read().split("\r\n\r\n")[0]
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in raw.split("\r\n")[1:])}
    ctype = headers.get("content-type", "").split(";")[0].strip()
    problems = []
    if ctype not in resp.get("content", {}):
        problems.append(f"Content-Type {ctype} not among {list(resp.get('content', {}))}")
    for name, h in resp.get("headers", {}).items():
        h = resolve(h)
        value = headers.get(name.lower())
        if value is None:
            if h.get("required"):
                problems.append(f"header {name} missing")
            continue
        pattern = h.get("schema", {}).get("pattern")
        if pattern and not re.search(pattern, value):
            problems.append(f"header {name}: {value!r} does not match {pattern}")
    schema = resp.get("content", {}).get(ctype, {}).get("schema")
    if ctype == "application/json" and schema:
        body = json.load(open(body_file, encoding="utf-8"))
        errors = [e.message for e in validator(schema).iter_errors(body)]
        problems += errors[:3]
    check(not problems, what + (": " + "; ".join(problems) if problems else ": as described"))

described = {(p, m) for p, item in spec["paths"].items() for m in item}
check(described <= seen, f"every route exercised (missing: {sorted(described - seen)})")
sys.exit(1 if failed else 0)
