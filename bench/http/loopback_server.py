"""The built `notecoder serve` on a loopback port, for the bench scripts: a free port, start,
wait for /ready (bounded), stop. Standard library only.

    proc, port = start_server(binary, {"MODEL_PATH": "none"}, stdout=log)
    if not wait_ready(port, 60, proc):
        stop_server(proc)
        sys.exit("the server did not become ready")
    ...
    stop_server(proc)
"""
import os
import socket
import subprocess
import time
import urllib.request


def free_port():
    """A port that was free on 127.0.0.1 a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, env=None, stdout=subprocess.DEVNULL, port=None):
    """Starts `binary serve` on 127.0.0.1 with os.environ plus `env`; returns (process, port).

    Output goes to `stdout` (a file, DEVNULL by default), stderr with it.
    """
    port = port or free_port()
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.update(HOST="127.0.0.1", PORT=str(port))
    proc = subprocess.Popen([binary, "serve"], env=full_env, stdout=stdout,
                            stderr=subprocess.STDOUT)
    return proc, port


def wait_ready(port, timeout=60.0, proc=None):
    """Polls GET /ready until 200; False once `timeout` s have passed or `proc` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def stop_server(proc, timeout=30.0):
    """SIGTERM (the server drains), SIGKILL if it is still there after `timeout` s; the status."""
    if proc.poll() is None:
        proc.terminate()
        try:
            return proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait()
