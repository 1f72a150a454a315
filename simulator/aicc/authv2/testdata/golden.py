#!/usr/bin/env python3
"""Works out golden.json by hand from Huawei's auth-v2 rule, outside Go.

The rule (reference 8.1, issue 12):
  signedHeaders  = header names sorted by their raw spelling (upper case first),
                   then lower-cased, joined with ";"
  header lines   = enc(lower(name)) + ":" + enc(value), the value not trimmed,
                   the lines sorted AFTER lower-casing and encoding, joined with "\n"
  query line     = enc(k) + "=" + enc(v) pairs, sorted as encoded strings, joined
                   with "&"; absent when there is no query
  canonical      = METHOD \n path \n [query \n] signedHeaders \n lines \n enc(body)
  signingKey     = hex(HMAC-SHA256(sk, "auth-v2/ak/ts/signedHeaders"))
  signature      = hex(HMAC-SHA256(signingKey as text, canonical))
  enc            = RFC 3986 over UTF-8, upper-case hex; A-Z a-z 0-9 - . _ ~ kept

Run: python3 golden.py > golden.json
"""
import hashlib
import hmac
import json
from urllib.parse import quote, unquote_plus, urlsplit

AK = "switchboard-ak"
SK = "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"
TS = "2021-07-10T06:27:33Z"


def enc(s):
    return quote(s.encode("utf-8"), safe="-._~")


def canonical_query(raw):
    pairs = []
    for part in raw.split("&"):
        if not part:
            continue
        k, _, v = part.partition("=")
        pairs.append(enc(unquote_plus(k)) + "=" + enc(unquote_plus(v)))
    return "&".join(sorted(pairs))


def work(case):
    u = urlsplit(case["url"])
    headers = {"host": u.hostname}
    for name, value in case["headers"]:
        headers[name.lower()] = value
    names = sorted(case["signedHeaders"])  # raw spelling: upper case first
    signed = ";".join(n.lower() for n in names)
    lines = sorted(enc(n.lower()) + ":" + enc(headers[n.lower()]) for n in names)
    canonical = case["method"] + "\n" + u.path + "\n"
    if u.query:
        canonical += canonical_query(u.query) + "\n"
    canonical += signed + "\n" + "\n".join(lines) + "\n" + enc(case["body"])
    prefix = "auth-v2/" + AK + "/" + TS + "/" + signed
    key = hmac.new(SK.encode(), prefix.encode(), hashlib.sha256).hexdigest()
    sig = hmac.new(key.encode(), canonical.encode("utf-8"), hashlib.sha256).hexdigest()
    case.update(ak=AK, sk=SK, timestamp=TS, canonical=canonical, signingKey=key,
                authorization=prefix + "/" + sig)
    return case


CASES = [
    {
        "name": "Host and content-type, given lower-case first",
        "method": "POST",
        "url": "http://receiver.example.com/hooks/v1/webhooks/v1/messages",
        "headers": [["Content-Type", "application/json; charset=UTF-8"]],
        "signedHeaders": ["content-type", "Host"],
        "body": '{"messages":[{"content":"Hi there, 100% ok?","controlType":"CHAT"}],"timestamp":1625898453000}',
    },
    {
        "name": "mixed-case names in an unsorted order",
        "method": "POST",
        "url": "http://receiver.example.com/webhooks/v1/messages",
        "headers": [["Content-Type", "application/json"], ["X-Date", "20210710T062733Z"],
                    ["x-Request-Id", "req-42"]],
        "signedHeaders": ["x-Request-Id", "host", "X-Date", "Content-Type"],
        "body": '{"messages":[],"timestamp":1625898453000}',
    },
    {
        "name": "a header value with ; = and /",
        "method": "POST",
        "url": "http://receiver.example.com/webhooks/v1/messages",
        "headers": [["X-Trace", "id=7;path=/a/b;ok"], ["Content-Type", "application/json"]],
        "signedHeaders": ["Host", "X-Trace"],
        "body": '{"messages":[],"timestamp":1625898453000}',
    },
    {
        "name": "a UTF-8 body",
        "method": "POST",
        "url": "http://receiver.example.com/webhooks/v1/messages",
        "headers": [["Content-Type", "application/json; charset=UTF-8"]],
        "signedHeaders": ["host"],
        "body": '{"messages":[{"content":"Grüße aus Köln, 你好 👋","controlType":"CHAT"}],"timestamp":1625898453000}',
    },
    {
        "name": "a GET with a query string",
        "method": "GET",
        "url": "http://receiver.example.com/aicc/v1/files?z=1&name=J%C3%BCrgen%20K&A=%2Fx&a=b%3Dc&a=a",
        "headers": [],
        "signedHeaders": ["host"],
        "body": "",
    },
]

print(json.dumps({"cases": [work(c) for c in CASES]}, indent=2, ensure_ascii=False))
