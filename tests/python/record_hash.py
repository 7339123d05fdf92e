"""Recomputes topolearn record content hashes in Python (standard library only).

usage: python3 record_hash.py RECORD.json [...]

A record's content hash is SHA-256 over the RFC 8785 canonical JSON (JCS) of the record without
`timing`, `contentHash` and `provenance.engine`. This file carries its own small JCS: keys sorted
by UTF-16 code units, no whitespace, strings escaped as ECMAScript's JSON.stringify does, numbers
in ECMAScript's shortest round-trip form (Number.prototype.toString). Prints one line per file:
"<path> <recomputed> <stored> ok|MISMATCH"; exits 1 on any mismatch.
"""
import hashlib
import json
import sys
from decimal import Decimal


def jcs_number(x):
    if isinstance(x, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(x, int):
        return str(x)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("RFC 8785 has no NaN or infinity")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    # repr is the shortest string that round-trips, as ECMAScript's is.
    _, digits, exponent = Decimal(repr(abs(x))).normalize().as_tuple()
    s = "".join(map(str, digits))
    k = len(s)
    n = exponent + k  # value = 0.s × 10^n
    if k <= n <= 21:
        out = s + "0" * (n - k)
    elif 0 < n <= 21:
        out = s[:n] + "." + s[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * (-n) + s
    else:
        e = n - 1
        mantissa = s[0] + ("." + s[1:] if k > 1 else "")
        out = mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + out


def jcs_string(s):
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif code < 0x20:
            out.append("\\u%04x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def utf16_key(s):
    return s.encode("utf-16-be")


def jcs(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=utf16_key)
        return "{" + ",".join(jcs_string(k) + ":" + jcs(value[k]) for k in keys) + "}"
    raise TypeError(f"not JSON: {value!r}")


def record_hash(record):
    body = {k: v for k, v in record.items() if k not in ("timing", "contentHash")}
    body["provenance"] = {k: v for k, v in record["provenance"].items() if k != "engine"}
    return hashlib.sha256(jcs(body).encode("utf-8")).hexdigest()


if __name__ == "__main__":
    bad = 0
    for path in sys.argv[1:]:
        record = json.load(open(path, encoding="utf-8"))
        recomputed = record_hash(record)
        ok = recomputed == record["contentHash"]
        bad += not ok
        print(path, recomputed, record["contentHash"], "ok" if ok else "MISMATCH")
    sys.exit(1 if bad else 0)
