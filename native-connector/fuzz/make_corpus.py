#!/usr/bin/env python3
"""Writes the seed corpus of the coverage-guided fuzzing (README.md) into corpus/: realistic
requests (below) and, when given, the raw-socket conformance vectors of the tck module
(tck/src/test/resources/conformance/vectors.tsv), decoded from their notation (\\r \\n \\t \\xHH,
{ctx} -> /app, {N*text} repeated, socket actions such as {pause} or {shut} dropped).
Usage: make_corpus.py [vectors.tsv]"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
MAX_SEED = 4096  # run.sh's -max_len: longer seeds would be cut anyway

REALISTIC = {
    "get-browser": b"GET /app/index.html?q=1&r=%20x HTTP/1.1\r\nHost: example.com:8080\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
                   b"Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.5\r\n"
                   b"Accept-Encoding: gzip, deflate, br\r\nCookie: a=1; b=2\r\nConnection: keep-alive\r\n\r\n",
    "get-curl": b"GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
    "get-http10": b"GET /status HTTP/1.0\r\n\r\n",
    "get-http10-keepalive": b"GET /status HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /status HTTP/1.0\r\n\r\n",
    "head": b"HEAD /app/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "options-star": b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
    "connect": b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    "absolute-form": b"GET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n",
    "post-form": b"POST /app/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 27\r\n\r\n"
                 b"user=alice&password=s3cr3t!",
    "post-json-expect": b"POST /api/items HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                        b"Content-Length: 13\r\n\r\n{\"a\":[1,2,3]}",
    "post-chunked": b"POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    "post-chunked-ext-trailers": b"POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nTrailer: X-Sum\r\n\r\n"
                                b"a;name=value;q=\"quoted\"\r\n0123456789\r\n0\r\nX-Sum: 45\r\nX-Other: y\r\n\r\n",
    "put-cl-list": b"PUT /r HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc",
    "pipelined": b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nokPOST /c HTTP/1.1\r\n"
                 b"Host: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\nGET /d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "websocket-upgrade": b"GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    "h2c-upgrade": b"GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
    "lf-only": b"GET / HTTP/1.1\nHost: x\n\n",
    "leading-crlf": b"\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
    "smuggle-cl-te": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
    "smuggle-trailer-request-line": b"POST /sha256 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
                                    b"GET /status?code=223 HTTP/1.1\r\n\r\n",
    "host-userinfo": b"GET / HTTP/1.1\r\nHost: u:p@x\r\n\r\n",
    "host-ipv6": b"GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
    "obs-fold": b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n",
    "http2-preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
}


def decode(notation):
    notation = re.sub(r"\{(shut|pause|await|reset|slow)\}", "", notation).replace("{ctx}", "/app")
    notation = re.sub(r"\{(\d+)\*(.*?)\}", lambda m: m.group(2) * int(m.group(1)), notation)
    out = bytearray()
    i = 0
    while i < len(notation):
        c = notation[i]
        if c == "\\" and i + 1 < len(notation):
            n = notation[i + 1]
            if n in "rnt\\":
                out += {"r": b"\r", "n": b"\n", "t": b"\t", "\\": b"\\"}[n]
                i += 2
                continue
            if n == "x":
                out.append(int(notation[i + 2:i + 4], 16))
                i += 4
                continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = dict(REALISTIC)
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cols) < 6:
                    continue
                seeds["conformance-" + cols[0]] = decode(cols[5])
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data[:MAX_SEED])
    print(f"make_corpus.py: {len(seeds)} seeds in {OUT}")


if __name__ == "__main__":
    main()
