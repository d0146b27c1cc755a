"""A tiny sticky-by-sender HTTP reverse proxy for several `rasa run` replicas (benchmarks only).

    .venv/bin/python bench/proxy.py --port 5309 --backend http://127.0.0.1:5307 --backend http://127.0.0.1:5308
                                    [--policy rr|hash]

POST requests with a JSON body that has a "sender" (REST channel) or "sender_id" field always go
to the same backend for the same sender, as the Rasa docs ask even with the Redis lock store:
  rr    (default) a sender seen for the first time goes to the next backend in turn, and stays
        there (an in-memory map, the oldest of 100,000 senders forgotten first): conversations
        are spread evenly, but the map lives in this one proxy;
  hash  backend crc32(sender) % N: stateless, but 20 conversations rarely split 10/10.
Everything else (GET /, health checks, ...) goes to the first backend. One keep-alive connection
pool per backend; uvloop when it is installed.

This is a measuring aid, not a production load balancer: a real deployment does the same routing
in its ingress (e.g. a hash on a header or query parameter that the web page sets).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import zlib
from collections import OrderedDict

import aiohttp
from aiohttp import web

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding",
              "upgrade", "proxy-connection", "te", "trailer", "host"}


class Router:
    def __init__(self, n: int, policy: str, remember: int = 100_000):
        self.n, self.policy, self.remember = n, policy, remember
        self.assigned: OrderedDict[str, int] = OrderedDict()
        self.next = 0

    def pick(self, body: bytes) -> int:
        if self.n == 1 or not body:
            return 0
        try:
            data = json.loads(body)
            sender = data.get("sender") or data.get("sender_id")
        except (ValueError, AttributeError):
            return 0
        if not sender:
            return 0
        sender = str(sender)
        if self.policy == "hash":
            return zlib.crc32(sender.encode()) % self.n
        i = self.assigned.get(sender)
        if i is None:
            i = self.assigned[sender] = self.next
            self.next = (self.next + 1) % self.n
            if len(self.assigned) > self.remember:
                self.assigned.popitem(last=False)
        else:
            self.assigned.move_to_end(sender)
        return i


def make_app(backends: list[str], policy: str = "rr") -> web.Application:
    app = web.Application(client_max_size=4 * 1024 * 1024)
    router = Router(len(backends), policy)

    async def on_startup(app: web.Application) -> None:
        app["session"] = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=30),
            timeout=aiohttp.ClientTimeout(total=120), auto_decompress=False)

    async def on_cleanup(app: web.Application) -> None:
        await app["session"].close()

    async def handle(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        target = backends[router.pick(body) if request.method == "POST" else 0]
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            async with app["session"].request(request.method, target + request.rel_url.raw_path_qs,
                                              data=body or None, headers=headers) as upstream:
                payload = await upstream.read()
                out = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
                return web.Response(status=upstream.status, body=payload, headers=out)
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            return web.Response(status=502, text=f"proxy: {target}: {e!r}")

    app.router.add_route("*", "/{tail:.*}", handle)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--backend", action="append", required=True, help="http://host:port (repeat)")
    ap.add_argument("--policy", choices=["rr", "hash"], default="rr",
                    help="first backend of a new sender: in turn (rr) or crc32 hash (hash)")
    args = ap.parse_args()
    try:
        import uvloop
        uvloop.install()
    except ImportError:
        pass
    web.run_app(make_app([b.rstrip("/") for b in args.backend], args.policy), host=args.host, port=args.port,
                access_log=None, print=None)


if __name__ == "__main__":
    main()
