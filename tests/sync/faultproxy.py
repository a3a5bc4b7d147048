"""A fault-injecting HTTP proxy on loopback, between the clerk's sync client and the real ward server.

Modes (``proxy.mode = ...``), applied to requests whose path starts with ``proxy.only_path``
(is exactly it, with ``proxy.exact_path = True``; others pass through untouched):

- ``pass``: forward and answer as the server did;
- ``error_500``: answer 500 without forwarding;
- ``slow``: wait ``proxy.delay_s`` (longer than the client's read timeout), then forward:
  the server commits after the client has given up;
- ``lost_ack``: forward (the server commits), then reset the connection: the ack never arrives;
- ``drop_mid_body``: read half of the body, then reset: the server never sees the request;
- ``refuse``: reset at once, as a server that is down behind a live address.

``hook`` (if set) runs after a request was sent upstream and before its answer is read: a test
kills the server there to kill it mid-request. A server that is down answers 502.
"""

from __future__ import annotations

import http.client
import socket
import struct
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

MODES = ("pass", "error_500", "slow", "lost_ack", "drop_mid_body", "refuse")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"}


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.mode = "pass"
        self.only_path = "/"
        self.exact_path = False
        self.delay_s = 2.0
        self.hook: Callable[[str, str], None] | None = None
        self.stopping = threading.Event()
        self._seen = threading.Condition()
        self.requests: list[tuple[str, str, str]] = []  # (method, path, mode applied)
        self._server = _Server(("127.0.0.1", 0), _Handler, self)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stopping.set()  # cuts short any "slow" wait
        self._server.shutdown()
        self._server.server_close()  # joins the handler threads
        self._thread.join(5)

    def note(self, method: str, path: str, mode: str) -> None:
        with self._seen:
            self.requests.append((method, path, mode))
            self._seen.notify_all()

    def count(self, method: str, path_prefix: str, mode: str | None = None) -> int:
        with self._seen:
            return sum(
                1 for m, p, md in self.requests if m == method and p.startswith(path_prefix) and mode in (None, md)
            )

    def wait_for(self, method: str, path_prefix: str, n: int, timeout: float = 10.0, mode: str | None = None) -> bool:
        with self._seen:
            return self._seen.wait_for(lambda: self._count_locked(method, path_prefix, mode) >= n, timeout)

    def _count_locked(self, method: str, path_prefix: str, mode: str | None) -> int:
        return sum(1 for m, p, md in self.requests if m == method and p.startswith(path_prefix) and mode in (None, md))


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins them: no socket outlives the test
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], proxy: FaultProxy) -> None:
        self.proxy = proxy
        super().__init__(address, handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: no keep-alive bookkeeping
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet: pytest shows failures only
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        proxy = self.server.proxy
        chosen = self.path == proxy.only_path if proxy.exact_path else self.path.startswith(proxy.only_path)
        mode = proxy.mode if chosen else "pass"
        proxy.note(self.command, self.path, mode)
        length = int(self.headers.get("Content-Length") or 0)
        if mode == "refuse":
            return self._reset()
        if mode == "drop_mid_body":
            self.rfile.read(length // 2)
            return self._reset()
        body = self.rfile.read(length) if length else b""
        if mode == "error_500":
            return self._answer(500, {"Content-Type": "application/json"}, b'{"detail": "injected"}')
        if mode == "slow":
            proxy.stopping.wait(proxy.delay_s)
        answer = self._forward(body)
        if mode == "lost_ack":
            return self._reset()
        self._answer(*answer)

    def _forward(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
        proxy = self.server.proxy
        conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=30)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            conn.request(self.command, self.path, body=body or None, headers=headers)
            if proxy.hook is not None:
                proxy.hook(self.command, self.path)
            response = conn.getresponse()
            data = response.read()
            kept = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP}
            return response.status, kept, data
        except OSError:
            return 502, {"Content-Type": "text/plain"}, b"upstream down"
        finally:
            conn.close()

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _reset(self) -> None:
        # SO_LINGER 0: close sends RST, not FIN, as a crashed peer or a cut cable would.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
