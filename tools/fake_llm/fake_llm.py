#!/usr/bin/python3
"""A fake OpenAI-compatible chat-completions server for notecoder's tests and benchmarks.

Standard library only (asyncio), loopback only. Start it with `--port 0`: it binds a free port
and prints `listening <port>` on stdout. Every behaviour is a knob, set by flags at start or by
`POST /control` (JSON) at run time:

  latency_ms, jitter_ms       time before answering (uniform jitter added)
  rate_429, rate_500          probability of a 429 (with Retry-After) or a 500 per request
  retry_after                 Retry-After seconds sent with 429 (omitted when null)
  retry_after_ms              retry-after-ms sent with 429 (omitted when null)
  plan                        a list of actions consumed one per request before the rates apply:
                              ok, 400, 401, 404, 408, 409, 429, 500, 503, stall, reset, truncate,
                              malformed_body, malformed_content, fenced_content, echo500,
                              partial_stall
  answers                     {"parse"|"summarize"|"structure"|"basics": "<content>"}
  agent_actions               {"<agent>": "<action>"}: every call of that agent gets the action
                              (e.g. {"summarize": "stall"} holds the pipeline at that stage);
                              a 429 storm still comes first, the plan is not consumed
  api_key                     when set, requests without `Authorization: Bearer <key>` get 401
  storm_429_s                 a 429 storm: every chat request for the next N seconds gets 429
                              (with the Retry-After knobs), then the plan and rates apply again
  reset_stats                 true: zero the counters

The agent is recognised from the `notecoder-agent: <name>` line of the system prompt, so tests
get deterministic answers per agent. `GET /stats` reports requests, in-flight, max in-flight,
counts by status and by agent. `stall` holds the request until the client closes; `reset`
closes the connection without an answer; `truncate` breaks a stream (or a body) halfway;
`partial_stall` writes half of the answer (the head with the full Content-Length and half the
body, or half the stream's events) and then holds the connection until the client closes;
`echo500` answers 500 with a body that echoes the request (notes included), as some providers do.
"""
import argparse
import asyncio
import json
import random
import re
import sys
import time

MAX_HEADER = 64 * 1024
MAX_BODY = 16 * 1024 * 1024


class State:
    def __init__(self, args):
        self.knobs = {
            "latency_ms": args.latency_ms,
            "jitter_ms": args.jitter_ms,
            "rate_429": args.rate_429,
            "rate_500": args.rate_500,
            "retry_after": args.retry_after,
            "retry_after_ms": args.retry_after_ms,
            "api_key": args.api_key,
        }
        self.plan = []
        self.answers = {}
        self.agent_actions = {}
        self.storm_until = 0.0
        self.rng = random.Random(args.seed)
        self.reset_stats()

    def reset_stats(self):
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.by_status = {}
        self.by_agent = {}
        self.by_action = {}
        self.connections = 0

    def stats(self):
        return {
            "requests": self.requests,
            "in_flight": self.in_flight,
            "max_in_flight": self.max_in_flight,
            "by_status": self.by_status,
            "by_agent": self.by_agent,
            "by_action": self.by_action,
            "connections": self.connections,
        }

    def count(self, status):
        key = str(status)
        self.by_status[key] = self.by_status.get(key, 0) + 1

    def next_action(self, agent):
        if time.monotonic() < self.storm_until:
            return "429"
        if agent in self.agent_actions:
            return self.agent_actions[agent]
        if self.plan:
            return self.plan.pop(0)
        x = self.rng.random()
        if x < self.knobs["rate_429"]:
            return "429"
        if x < self.knobs["rate_429"] + self.knobs["rate_500"]:
            return "500"
        return "ok"


AGENT_RE = re.compile(r"notecoder-agent:\s*([a-z]+)")


def agent_of(body):
    for m in body.get("messages", []):
        if m.get("role") == "system":
            found = AGENT_RE.search(m.get("content", ""))
            if found:
                return found.group(1)
    return "other"


def default_answer(agent, body):
    user = ""
    for m in body.get("messages", []):
        if m.get("role") == "user":
            user = m.get("content", "")
    if agent == "parse":
        return json.dumps({
            "findings": [{"text": "type 2 diabetes mellitus", "status": "present",
                          "evidence": "type 2 diabetes"}],
            "medications": ["metformin"], "procedures": []})
    if agent == "summarize":
        return json.dumps({"summary": "Patient with type 2 diabetes mellitus on metformin; "
                                      "follow-up in three months."})
    if agent == "structure":
        try:
            candidates = json.loads(user).get("candidates", [])
        except ValueError:
            candidates = []
        return json.dumps({
            "codes": [{"code": c.get("code"), "evidence": "", "rationale": "candidate"}
                      for c in candidates],
            "structured": {"chief_complaint": "follow-up", "assessment": [], "plan": []}})
    if agent == "basics":
        return json.dumps({"age_years": 67, "sex": "female", "dates": []})
    return "ok"


def response_head(status, reason, headers, length=None, chunked=False):
    lines = [f"HTTP/1.1 {status} {reason}"]
    for k, v in headers:
        lines.append(f"{k}: {v}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    elif length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
           408: "Request Timeout", 409: "Conflict", 429: "Too Many Requests",
           500: "Internal Server Error", 503: "Service Unavailable"}


async def send_json(writer, status, obj, extra=()):
    data = json.dumps(obj).encode()
    writer.write(response_head(status, REASONS.get(status, "Status"),
                               [("Content-Type", "application/json"), *extra], len(data)) + data)
    await writer.drain()


def fmt(x):
    return str(int(x)) if float(x).is_integer() else str(x)


def chunk(data):
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


class Server:
    def __init__(self, state):
        self.s = state

    async def handle(self, reader, writer):
        self.s.connections += 1
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                        ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                if len(parts) < 3:
                    return
                method, target = parts[0], parts[1]
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                length = int(headers.get("content-length", "0") or 0)
                if length > MAX_BODY:
                    return
                body = await reader.readexactly(length) if length else b""
                keep = await self.route(method, target, headers, body, reader, writer)
                if not keep or headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            try:
                writer.close()
            except Exception:  # noqa: BLE001 - closing a broken socket
                pass

    async def route(self, method, target, headers, body, reader, writer):
        path = target.split("?", 1)[0]
        if method == "GET" and path == "/stats":
            await send_json(writer, 200, self.s.stats())
            return True
        if method == "POST" and path == "/control":
            ctl = json.loads(body or b"{}")
            for k in self.s.knobs:
                if k in ctl:
                    self.s.knobs[k] = ctl[k]
            if "plan" in ctl:
                self.s.plan = list(ctl["plan"])
            if "storm_429_s" in ctl:
                self.s.storm_until = time.monotonic() + float(ctl["storm_429_s"])
            if "agent_actions" in ctl:
                self.s.agent_actions = dict(ctl["agent_actions"])
            if "answers" in ctl:
                self.s.answers = dict(ctl["answers"])
            if ctl.get("reset_stats"):
                self.s.reset_stats()
            await send_json(writer, 200, {"ok": True})
            return True
        if method == "POST" and path.endswith("/chat/completions"):
            return await self.chat(headers, body, reader, writer)
        await send_json(writer, 404, {"error": {"message": "no such route"}})
        return True

    async def chat(self, headers, raw, reader, writer):
        s = self.s
        s.requests += 1
        s.in_flight += 1
        s.max_in_flight = max(s.max_in_flight, s.in_flight)
        try:
            return await self.chat_inner(headers, raw, reader, writer)
        finally:
            s.in_flight -= 1

    async def chat_inner(self, headers, raw, reader, writer):
        s = self.s
        try:
            body = json.loads(raw)
        except ValueError:
            s.count(400)
            await send_json(writer, 400, {"error": {"message": "body is not JSON"}})
            return True
        agent = agent_of(body)
        action = s.next_action(agent)
        s.by_action[action] = s.by_action.get(action, 0) + 1
        s.by_agent[agent] = s.by_agent.get(agent, 0) + 1
        key = s.knobs["api_key"]
        if key and headers.get("authorization") != f"Bearer {key}":
            s.count(401)
            await send_json(writer, 401, {"error": {"message": "bad key"}})
            return True
        delay = s.knobs["latency_ms"] + s.rng.random() * s.knobs["jitter_ms"]
        if delay > 0:
            await asyncio.sleep(delay / 1000.0)
        if action == "stall":
            s.count("stall")
            await reader.read()  # until the client gives up and closes
            return False
        if action == "reset":
            s.count("reset")
            writer.transport.abort()
            return False
        if action.isdigit():
            status = int(action)
            s.count(status)
            extra = []
            if status == 429:
                if s.knobs["retry_after"] is not None:
                    extra.append(("Retry-After", fmt(s.knobs["retry_after"])))
                if s.knobs["retry_after_ms"] is not None:
                    extra.append(("retry-after-ms", fmt(s.knobs["retry_after_ms"])))
            await send_json(writer, status, {"error": {"message": f"fake {status}"}}, extra)
            return True
        if action == "echo500":
            s.count(500)
            await send_json(writer, 500, {"error": {"message": "could not process request",
                                                    "request": raw.decode("utf-8", "replace")}})
            return True
        content = s.answers.get(agent) or default_answer(agent, body)
        if action == "malformed_content":
            content = "Sure! Here is what I found: the patient has diabetes."
        elif action == "fenced_content":
            content = "```json\n" + content + "\n```\nLet me know if you need more."
        prompt_chars = sum(len(m.get("content", "")) for m in body.get("messages", []))
        usage = {"prompt_tokens": prompt_chars // 4 + 1, "completion_tokens": len(content) // 4 + 1,
                 "total_tokens": prompt_chars // 4 + len(content) // 4 + 2}
        model = body.get("model", "fake")
        if body.get("stream"):
            await self.stream(writer, content, usage, model, action,
                              body.get("stream_options", {}).get("include_usage", False))
            if action == "partial_stall":
                await reader.read()
                return False
            return action not in ("truncate", "partial_stall")
        s.count(200)
        if action == "malformed_body":
            data = b'{"id": "x", "choices": [{"message": {"content": "unterminated'
            writer.write(response_head(200, "OK", [("Content-Type", "application/json")],
                                       len(data)) + data)
            await writer.drain()
            return True
        if action in ("truncate", "partial_stall"):
            data = json.dumps({"choices": [{"message": {"role": "assistant",
                                                         "content": content}}]}).encode()
            writer.write(response_head(200, "OK", [("Content-Type", "application/json")],
                                       len(data)) + data[: len(data) // 2])
            await writer.drain()
            if action == "partial_stall":
                await reader.read()  # until the client gives up and closes
            writer.transport.abort()
            return False
        await send_json(writer, 200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": usage})
        return True

    async def stream(self, writer, content, usage, model, action, include_usage):
        self.s.count(200)
        writer.write(response_head(200, "OK", [("Content-Type", "text/event-stream"),
                                               ("Cache-Control", "no-cache")], chunked=True))

        def event(delta=None, finish=None, use=None, choices=True):
            obj = {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                   "created": int(time.time()), "model": model,
                   "choices": [] if not choices else
                   [{"index": 0, "delta": delta or {}, "finish_reason": finish}]}
            if include_usage:
                obj["usage"] = use
            return chunk(f"data: {json.dumps(obj)}\n\n".encode())

        writer.write(event({"role": "assistant", "content": ""}))
        pieces = [content[i:i + 7] for i in range(0, len(content), 7)]
        if action == "malformed_body":
            writer.write(chunk(b"data: {not json\n\n"))
        for n, p in enumerate(pieces):
            if action in ("truncate", "partial_stall") and n == len(pieces) // 2:
                await writer.drain()
                if action == "truncate":
                    writer.transport.abort()
                return
            writer.write(event({"content": p}))
            if n % 8 == 7:
                await writer.drain()
        writer.write(event(finish="stop"))
        if include_usage:
            writer.write(event(use=usage, choices=False))
        writer.write(chunk(b"data: [DONE]\n\n"))
        writer.write(b"0\r\n\r\n")
        await writer.drain()


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency-ms", type=float, default=0)
    ap.add_argument("--jitter-ms", type=float, default=0)
    ap.add_argument("--rate-429", type=float, default=0)
    ap.add_argument("--rate-500", type=float, default=0)
    ap.add_argument("--retry-after", type=float, default=None)
    ap.add_argument("--retry-after-ms", type=float, default=None)
    ap.add_argument("--api-key", default=None)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    server = Server(State(args))
    srv = await asyncio.start_server(server.handle, "127.0.0.1", args.port, backlog=2048,
                                     limit=MAX_HEADER)
    port = srv.sockets[0].getsockname()[1]
    print(f"listening {port}", flush=True)
    async with srv:
        await srv.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
