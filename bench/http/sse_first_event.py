#!/usr/bin/env python3
"""Time to the first Server-Sent Event of POST /predict/coder/stream, and to the last chunk.

Raw sockets on loopback, one request per connection; the first 20 runs are warm-up.
    python3 bench/http/sse_first_event.py PORT NOTES.jsonl [RUNS]
(NOTES.jsonl: the first line's "note" is sent, e.g. bench/batch/make_input.py's output.)
"""
import json
import socket
import statistics
import sys
import time


def main() -> None:
    port, notes = int(sys.argv[1]), sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    with open(notes, encoding="utf-8") as f:
        note = json.loads(f.readline())["note"]
    body = json.dumps({"note": note}).encode()
    req = (b"POST /predict/coder/stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    first, final = [], []
    for i in range(runs):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        t0 = time.perf_counter()
        s.sendall(req)
        buf, got_first = b"", None
        while True:
            d = s.recv(65536)
            if not d:
                break
            buf += d
            if got_first is None and b"event: accepted" in buf:
                got_first = time.perf_counter()
            if b"event: final" in buf and buf.endswith(b"0\r\n\r\n"):
                break
        t1 = time.perf_counter()
        s.close()
        if i >= 20 and got_first is not None:
            first.append((got_first - t0) * 1000)
            final.append((t1 - t0) * 1000)

    def q(xs, p):
        return sorted(xs)[int(p * (len(xs) - 1))]

    print(f"note {len(note)} B; accepted: median {statistics.median(first):.2f} ms "
          f"p99 {q(first, .99):.2f} ms; final: median {statistics.median(final):.2f} ms "
          f"p99 {q(final, .99):.2f} ms; n={len(first)}")


if __name__ == "__main__":
    main()
