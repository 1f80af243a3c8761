#!/usr/bin/python3
"""200 concurrent POST /predict/coder through the built server with the LLM stage on, against the
fake provider at 300 ms a call (LLM_CONCURRENCY=4, TIME_BUDGET_S as given): every request must
come back 200 (complete or degraded), none late; the provider must never see more than 4 calls
at once. Loopback only; everything it starts it stops.

usage: service_concurrency.py BUILD_DIR CODEBOOK [REQUESTS] [BUDGET_S]
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

build, codebook = sys.argv[1], sys.argv[2]
requests = int(sys.argv[3]) if len(sys.argv) > 3 else 200
budget = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

fake = subprocess.Popen(["/usr/bin/python3", f"{root}/tools/fake_llm/fake_llm.py", "--port", "0",
                         "--latency-ms", "300"], stdout=subprocess.PIPE, text=True)
fake_port = int(re.search(r"listening (\d+)", fake.stdout.readline()).group(1))
env = dict(os.environ, PORT="0", HOST="127.0.0.1", LOG_LEVEL="info", NOTECODER_CODEBOOK=codebook,
           MODEL_PATH="none", LLM_BASE_URL=f"http://127.0.0.1:{fake_port}/v1", LLM_MODEL="fake",
           LLM_CONCURRENCY="4", TIME_BUDGET_S=str(budget), LIMIT_CONCURRENCY="256",
           ENABLE_ML_CACHE="0", ENABLE_LLM_CACHE="0", BACKGROUND_WARMUP="0")
server = subprocess.Popen([f"{build}/notecoder", "serve"], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
port = None
for line in server.stdout:
    m = re.search(r'"event":"listening".*"port":(\d+)', line)
    if m:
        port = int(m.group(1))
        break
server_log = []
threading.Thread(target=lambda: [server_log.append(l) for l in server.stdout], daemon=True).start()

note = "Assessment: Essential hypertension. Possible pneumonia. Denies chest pain."
results = []
lock = threading.Lock()


def one(i):
    body = json.dumps({"note": f"{note} Visit {i}."}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/predict/coder", data=body,
                                 headers={"Content-Type": "application/json"})
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            d = json.load(r)
            outcome = ("degraded:" + ",".join(d["degraded_reasons"])) if d["degraded"] else "complete"
            status = r.status
    except urllib.error.HTTPError as e:
        status, outcome = e.code, "error"
    with lock:
        results.append((status, outcome, time.monotonic() - t0))


t0 = time.monotonic()
threads = [threading.Thread(target=one, args=(i,)) for i in range(requests)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.monotonic() - t0
stats = json.load(urllib.request.urlopen(f"http://127.0.0.1:{fake_port}/stats"))
metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics").read().decode()
llm_lines = [l for l in metrics.splitlines() if l.startswith("notecoder_llm_requests_total")]
server.terminate()
fake.terminate()
server.wait(10)
fake.wait(10)

by = {}
for status, outcome, _ in results:
    by[(status, outcome)] = by.get((status, outcome), 0) + 1
late = max(s for _, _, s in results)
print(f"{requests} requests, TIME_BUDGET_S={budget}, wall {wall:.2f} s, slowest {late:.2f} s")
for (status, outcome), n in sorted(by.items()):
    print(f"  {status} {outcome}: {n}")
print(f"provider: {stats['requests']} calls, max in flight {stats['max_in_flight']}, stats {json.dumps(stats)}")
for l in llm_lines:
    print("  " + l)
if os.environ.get("SHOW_CALLS"):
    for l in server_log:
        if '"llm_call"' in l:
            print(l.strip()[:300])
