#!/usr/bin/python3
"""/health latency while POST /predict/coder saturates the CPU pool (issue 4), as a prober sees it.

`wrk --latency …/health` beside the predict load measures something else: four connections
hammering /health as fast as they can keep the io threads and a third of the machine busy, so its
p99 is the queueing of that flood on two shared cores. A liveness prober (the kubelet, Railway's
health check, a load balancer) asks a few times a second. This script does what they do, at a
fixed rate: while wrk saturates the pool with distinct notes, it probes /health N times a second
on one keep-alive connection and, like the kubelet, on a fresh connection per probe, and reports
the client-side p50/p99/max of each, plus the server's own /health histogram.

usage: health_probe.py NOTECODER_BIN CODEBOOK ROTATION_FILE [MODEL|none] [RATE_PER_S] [SECONDS]
Everything it starts it stops; loopback only; bounded in time (SECONDS + a few).
"""
import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

from loopback_server import start_server, stop_server, wait_ready

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary, codebook, rotation = sys.argv[1:4]
model = sys.argv[4] if len(sys.argv) > 4 else "none"
rate = float(sys.argv[5]) if len(sys.argv) > 5 else 50.0
seconds = min(float(sys.argv[6]) if len(sys.argv) > 6 else 8.0, 120.0)

server, port = start_server(binary, {"NOTECODER_CODEBOOK": codebook, "MODEL_PATH": model,
                                     "CPU_WORKERS": "1", "ENABLE_ML_CACHE": "0",
                                     "BACKGROUND_WARMUP": "0", "LOG_LEVEL": "warn"})
try:
    if not wait_ready(port, 60, server):
        sys.exit("health_probe: the server did not become ready")

    url = f"http://127.0.0.1:{port}"
    load = subprocess.Popen(
        ["wrk", "-t1", "-c32", f"-d{int(seconds) + 3}s", "-s",
         f"{ROOT}/bench/http/predict_rotation.lua", f"{url}/predict/coder"],
        env=dict(os.environ, ROTATION_FILE=rotation), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    time.sleep(1.5)  # the pool is saturated and its queue full before the first probe

    results = {"keep-alive": [], "new connection": []}

    def probe(kind):
        interval = 1.0 / rate
        conn = None
        next_at = time.monotonic()
        end = next_at + seconds
        while next_at < end:
            time.sleep(max(0.0, next_at - time.monotonic()))
            next_at += interval
            if conn is None or kind == "new connection":
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            t0 = time.perf_counter()
            conn.request("GET", "/health")
            r = conn.getresponse()
            r.read()
            results[kind].append((r.status, time.perf_counter() - t0))
            if kind == "new connection":
                conn.close()
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=probe, args=(k,)) for k in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    metrics = urllib.request.urlopen(f"{url}/metrics", timeout=5).read().decode()
    load_out = load.communicate(timeout=30)[0]
finally:
    stop_server(server)


def pct(values, p):
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


predict_rate = re.search(r"Requests/sec:\s+([\d.]+)", load_out)
print(f"load average {os.getloadavg()[0]:.1f}; predict load: "
      f"{predict_rate.group(1) if predict_rate else '?'} req/s (wrk -t1 -c32, CPU_WORKERS=1, "
      f"model {os.path.basename(model)})")
ok = True
for kind, samples in results.items():
    statuses = sorted({s for s, _ in samples})
    ms = sorted(1000 * d for _, d in samples)
    ok = ok and statuses == [200]
    print(f"/health {kind}, {rate:g}/s for {seconds:g} s: {len(ms)} probes, statuses {statuses}, "
          f"p50 {pct(ms, 50):.2f} ms, p99 {pct(ms, 99):.2f} ms, max {ms[-1]:.2f} ms")
buckets = re.findall(
    r'http_server_request_duration_seconds_bucket\{[^}]*route="/health"[^}]*le="([^"]+)"\} (\d+)',
    metrics)
if buckets:
    total = int(buckets[-1][1])
    within = [(le, int(n)) for le, n in buckets if le in ("0.001", "0.002", "0.005")]
    print("server histogram, /health: " +
          ", ".join(f"{n} of {total} in <= {float(le) * 1000:g} ms" for le, n in within))
sys.exit(0 if ok else 1)
