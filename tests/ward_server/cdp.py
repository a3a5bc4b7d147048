"""Just enough of the Chrome DevTools Protocol to click through a page in headless Chromium.

Chromium's ``--remote-debugging-pipe`` reads commands on its fd 3 and writes answers and events
on its fd 4, each a JSON object ended by a NUL byte: no websocket, no extra package. The tests use
it where ``--dump-dom`` and ``--screenshot`` are not enough (typing into a form, waiting for the
page's script, a screenshot of what it shows then).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.ward_server.chromium import headless_args

COMMAND_LIMIT_S = 30.0


class CdpError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page, driven over the debugging pipe."""

    def __init__(self, chromium: Path, profile: Path, size: tuple[int, int]) -> None:
        to_chrome_read, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_write = os.pipe()

        def wire_fds() -> None:  # in the child, before exec: fd 3 commands in, fd 4 answers out
            # Out of the way first, in case the pipes themselves got fd 3 or 4.
            commands, answers = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_read, from_chrome_write))
            os.dup2(commands, 3)  # dup2 leaves the copies inheritable: they survive the exec
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [
                str(chromium),
                *headless_args(profile, size),
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,  # noqa: PLW1509 (no threads are started by these tests)
            close_fds=False,
        )
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"}, browser_level=True)["targetId"]
            attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, browser_level=True)
            self.session = attached["sessionId"]
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": True},
            )
            self.send("Page.enable")
            self.send("Runtime.enable")
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(CdpError, OSError):
                self.send("Browser.close", browser_level=True, limit_s=5)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for fd in (self._to_chrome, self._from_chrome):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._to_chrome = self._from_chrome = -1

    # --- the protocol -------------------------------------------------------------------------

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        browser_level: bool = False,
        limit_s: float = COMMAND_LIMIT_S,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if not browser_level:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + limit_s
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise CdpError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method: str, limit_s: float = COMMAND_LIMIT_S) -> dict[str, Any]:
        deadline = time.monotonic() + limit_s
        while True:
            for index, event in enumerate(self.events):
                if event["method"] == method:
                    del self.events[: index + 1]
                    return event
            self.events.append(self._read(deadline))

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise CdpError("Chromium closed the debugging pipe")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    # --- what the tests do --------------------------------------------------------------------

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise CdpError(f"script failed: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, limit_s: float = 15.0) -> Any:
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise CdpError(f"never true: {expression}")

    def type_into(self, element_id: str, text: str) -> None:
        """Focus the field and type the text as a keyboard would insert it."""
        self.evaluate(f"document.getElementById({json.dumps(element_id)}).focus()")
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
