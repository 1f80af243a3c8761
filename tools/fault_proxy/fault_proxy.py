#!/usr/bin/python3
"""A scheduled TCP fault proxy for notecoder's fault tests: it sits between the service and a
real dependency (redis-server, the fake LLM provider) and misbehaves on command or on schedule.

Standard library only (asyncio), loopback only. Start it with

    fault_proxy.py --upstream 127.0.0.1:6379 --port 0 [--control-port 0] [--schedule JSON]

and it prints `listening <port> control <control_port>` on stdout. Point the service at <port>
(REDIS_URL=redis://127.0.0.1:<port>/0, LLM_BASE_URL=http://127.0.0.1:<port>/v1). The proxy is
byte-level: it knows nothing of RESP or HTTP, so "a reply" below is whatever one read from the
upstream returns (one small Redis reply, or the head and body of a small HTTP answer).

Modes (one at a time, for every connection):

  pass      forward both ways (the default)
  delay     hold each chunk from the upstream `delay_ms` before forwarding it
  stall     forward nothing either way; held bytes flow again when the mode leaves stall
            (a network partition that heals); a client that gives up is closed at once
  reset     abort every open connection with a TCP reset, and reset new ones as they arrive
  partial   forward only the first `partial_bytes` of the next chunk from the upstream (half of
            it when 0), then `then`: "close" (reset the connection) or "stall" (forward nothing
            more on that connection until the client gives up)

Control: HTTP on the control port (loopback).

  POST /control {"mode": "stall", "for_s": 1.5, ...}   set a mode; with for_s, back to pass after
  POST /control {"schedule": [{"mode": "stall", "for_s": 1}, {"mode": "pass", "for_s": 0.5}],
                 "repeat": true}                         run steps in order (repeat: loop)
  POST /control {"reset_stats": true}
  GET  /stats    {"mode", "connections", "active", "resets", "partials", "stalled_chunks",
                  "bytes_up", "bytes_down", "schedule_step"}

Other knobs, accepted with any control call: delay_ms (default 200), partial_bytes (0 = half),
then ("close" | "stall"). A new control call replaces a running schedule. The same JSON can be
given at start with --schedule '{"schedule": [...], "repeat": false}'.
"""
import argparse
import asyncio
import json
import socket
import struct
import sys

MAX_HEADER = 64 * 1024
MODES = ("pass", "delay", "stall", "reset", "partial")


def hard_close(writer):
    """Closes with a reset (SO_LINGER 0), as a crashed or firewalled peer would."""
    try:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    writer.transport.abort()


class State:
    def __init__(self):
        self.mode = "pass"
        self.delay_ms = 200.0
        self.partial_bytes = 0
        self.then = "close"
        self.changed = asyncio.Event()
        self.conns = set()
        self.schedule_task = None
        self.schedule_step = -1
        self.reset_stats()

    def reset_stats(self):
        self.connections = 0
        self.resets = 0
        self.partials = 0
        self.stalled_chunks = 0
        self.bytes_up = 0
        self.bytes_down = 0

    def stats(self):
        return {"mode": self.mode, "connections": self.connections, "active": len(self.conns),
                "resets": self.resets, "partials": self.partials,
                "stalled_chunks": self.stalled_chunks, "bytes_up": self.bytes_up,
                "bytes_down": self.bytes_down, "schedule_step": self.schedule_step}

    def set_knobs(self, ctl):
        if "delay_ms" in ctl:
            self.delay_ms = float(ctl["delay_ms"])
        if "partial_bytes" in ctl:
            self.partial_bytes = int(ctl["partial_bytes"])
        if "then" in ctl:
            if ctl["then"] not in ("close", "stall"):
                raise ValueError("then must be close or stall")
            self.then = ctl["then"]

    def set_mode(self, mode):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        # Wakes every waiter; a fresh event for the next change.
        self.changed.set()
        self.changed = asyncio.Event()
        if mode == "reset":
            for conn in list(self.conns):
                conn.abort()

    def run_schedule(self, steps, repeat):
        if self.schedule_task is not None:
            self.schedule_task.cancel()
            self.schedule_task = None
        self.schedule_step = -1
        for step in steps:
            if step.get("mode", "pass") not in MODES:
                raise ValueError(f"unknown mode {step.get('mode')!r}")
        if steps:
            self.schedule_task = asyncio.ensure_future(self._schedule(steps, repeat))

    async def _schedule(self, steps, repeat):
        while True:
            for n, step in enumerate(steps):
                self.schedule_step = n
                self.set_knobs(step)
                self.set_mode(step.get("mode", "pass"))
                if step.get("for_s") is None:
                    return  # the last mode stays
                await asyncio.sleep(float(step["for_s"]))
            if not repeat:
                self.set_mode("pass")
                self.schedule_step = -1
                return

    def control(self, ctl):
        if ctl.get("reset_stats"):
            self.reset_stats()
        self.set_knobs(ctl)
        if "schedule" in ctl:
            self.run_schedule(list(ctl["schedule"]), bool(ctl.get("repeat", False)))
        elif "mode" in ctl:
            if ctl.get("for_s") is not None:
                self.run_schedule([{"mode": ctl["mode"], "for_s": ctl["for_s"]}], False)
            else:
                self.run_schedule([], False)
                self.set_mode(ctl["mode"])


class Conn:
    """One proxied connection: two pumps, each reading its side and forwarding under the mode."""

    def __init__(self, state, c_reader, c_writer, u_reader, u_writer):
        self.s = state
        self.c_reader, self.c_writer = c_reader, c_writer
        self.u_reader, self.u_writer = u_reader, u_writer
        self.stalled = False  # a partial reply was sent; nothing more on this connection
        self.closed = asyncio.Event()

    def abort(self):
        if self.closed.is_set():
            return
        self.closed.set()
        self.s.resets += 1
        hard_close(self.c_writer)
        hard_close(self.u_writer)

    def close(self):
        if self.closed.is_set():
            return
        self.closed.set()
        for w in (self.c_writer, self.u_writer):
            try:
                w.close()
            except Exception:  # noqa: BLE001 - closing a broken socket
                pass

    async def gate(self):
        """Waits while this connection must not forward; False when it closed meanwhile."""
        while not self.closed.is_set() and (self.stalled or self.s.mode == "stall"):
            self.s.stalled_chunks += 1
            changed = asyncio.ensure_future(self.s.changed.wait())
            closed = asyncio.ensure_future(self.closed.wait())
            await asyncio.wait({changed, closed}, return_when=asyncio.FIRST_COMPLETED)
            changed.cancel()
            closed.cancel()
        return not self.closed.is_set()

    async def pump(self, reader, writer, downstream, queue):
        """Reads one side into `queue`; EOF or an error is a None (the other task ends it)."""
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if downstream:
                    self.s.bytes_down += len(data)
                else:
                    self.s.bytes_up += len(data)
                await queue.put(data)
        except (ConnectionError, OSError):
            pass
        await queue.put(None)
        # A client that leaves while its bytes are held is not kept waiting for the heal.
        if not downstream and (self.stalled or self.s.mode == "stall"):
            self.close()

    async def forward(self, writer, downstream, queue):
        try:
            while True:
                data = await queue.get()
                if data is None:
                    if not await self.gate():
                        return
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                if not await self.gate():
                    return
                if downstream and self.s.mode == "delay":
                    await asyncio.sleep(self.s.delay_ms / 1000.0)
                if downstream and self.s.mode == "partial":
                    n = self.s.partial_bytes or len(data) // 2
                    n = max(1, min(n, len(data) - 1)) if len(data) > 1 else 0
                    writer.write(data[:n])
                    await writer.drain()
                    self.s.partials += 1
                    if self.s.then == "close":
                        self.abort()
                        return
                    self.stalled = True
                    continue
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            self.abort()

    async def run(self):
        up_q, down_q = asyncio.Queue(), asyncio.Queue()
        tasks = [
            asyncio.ensure_future(self.pump(self.c_reader, self.u_writer, False, up_q)),
            asyncio.ensure_future(self.forward(self.u_writer, False, up_q)),
            asyncio.ensure_future(self.pump(self.u_reader, self.c_writer, True, down_q)),
            asyncio.ensure_future(self.forward(self.c_writer, True, down_q)),
        ]
        # The connection ends when the upstream's answers are all forwarded (or it was cut).
        closed = asyncio.ensure_future(self.closed.wait())
        await asyncio.wait({tasks[3], closed}, return_when=asyncio.FIRST_COMPLETED)
        self.close()
        for t in tasks + [closed]:
            t.cancel()


class Proxy:
    def __init__(self, state, upstream):
        self.s = state
        self.host, port = upstream.rsplit(":", 1)
        self.port = int(port)

    async def handle(self, c_reader, c_writer):
        s = self.s
        s.connections += 1
        if s.mode == "reset":
            s.resets += 1
            hard_close(c_writer)
            return
        try:
            u_reader, u_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            s.resets += 1
            hard_close(c_writer)
            return
        conn = Conn(s, c_reader, c_writer, u_reader, u_writer)
        s.conns.add(conn)
        try:
            await conn.run()
        finally:
            s.conns.discard(conn)


async def control_handler(state, reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target = lines[0].split(" ")[:2]
        length = 0
        for line in lines[1:]:
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        body = await reader.readexactly(length) if length else b""
        status, obj = 200, None
        if method == "GET" and target == "/stats":
            obj = state.stats()
        elif method == "POST" and target == "/control":
            try:
                state.control(json.loads(body or b"{}"))
                obj = {"ok": True}
            except (ValueError, TypeError, KeyError) as e:
                status, obj = 400, {"error": str(e)}
        else:
            status, obj = 404, {"error": "no such route"}
        data = json.dumps(obj).encode()
        writer.write(f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)
        await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upstream", required=True, help="host:port of the real dependency")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--control-port", type=int, default=0)
    ap.add_argument("--schedule", default=None, help="a control JSON applied at start")
    args = ap.parse_args()
    state = State()
    if args.schedule:
        state.control(json.loads(args.schedule))
    proxy = Proxy(state, args.upstream)
    srv = await asyncio.start_server(proxy.handle, "127.0.0.1", args.port, backlog=1024)
    ctl = await asyncio.start_server(lambda r, w: control_handler(state, r, w), "127.0.0.1",
                                     args.control_port, limit=MAX_HEADER)
    port = srv.sockets[0].getsockname()[1]
    cport = ctl.sockets[0].getsockname()[1]
    print(f"listening {port} control {cport}", flush=True)
    async with srv, ctl:
        await asyncio.gather(srv.serve_forever(), ctl.serve_forever())


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
