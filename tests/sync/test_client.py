"""The HTTP client: what it sends (signed, compressed, timed out), what it makes of answers, TLS."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import hmac
import ipaddress
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from clerk_app.storage.eventlog import Event
from clerk_app.sync.client import GZIP_ABOVE_BYTES, WardClient
from clerk_app.sync.credentials import DeviceCredentials, InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from clerk_app.sync.errors import Rejected, Unreachable
from clerk_app.sync.protocol import NotWardServer
from tests.support import FakeClock
from tests.sync.support import Device, open_station, running_ward

CREDS = DeviceCredentials(token="tok-abc", secret="s3cr3t")
ACK = {
    "device_id": "dev-x",
    "acked_seq": 0,
    "server_time": "2026-03-15T07:00:00.000+07:00",
    "stored": 0,
    "duplicates": 0,
    "incidents": 0,
    "refused": [],
    "conflicts": [],
}


@dataclass
class Canned:
    """A stand-in server that records requests and answers what the test says."""

    status: int = 200
    body: bytes = json.dumps(ACK).encode()
    content_type: str = "application/json"
    hang_s: float = 0.0
    seen: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def canned() -> Iterator[tuple[Canned, str]]:
    state = Canned()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _serve(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.seen.append((dict(self.headers.items()), body))
            if state.hang_s:
                state.release.wait(state.hang_s)
            try:
                self.send_response(state.status)
                self.send_header("Content-Type", state.content_type)
                self.send_header("Content-Length", str(len(state.body)))
                self.end_headers()
                self.wfile.write(state.body)
            except OSError:
                pass  # the client timed out and left, as the test wanted

        do_GET = do_POST = _serve

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def events(count: int) -> list[Event]:
    return [
        Event(
            "dev-x", n, f"uuid-{n}", "checked_in", n, "2026-03-15T07:00:00.000+07:00", "Bàn 1", {}, "0" * 64, "1" * 64
        )
        for n in range(1, count + 1)
    ]


def test_a_batch_is_signed_over_the_bytes_sent_and_large_ones_are_gzipped(canned: tuple[Canned, str]) -> None:
    state, url = canned
    with WardClient(url, credentials=CREDS) as client:
        client.post_events("dev-x", 7, events(2))
        client.post_events("dev-x", 7, events(200))
    (small_headers, small), (big_headers, big) = state.seen
    for headers, body in state.seen:
        assert headers["Authorization"] == "Bearer tok-abc"
        assert headers["X-Signature"] == hmac.new(b"s3cr3t", body, hashlib.sha256).hexdigest()
    assert "Content-Encoding" not in small_headers and len(small) < GZIP_ABOVE_BYTES
    assert big_headers["Content-Encoding"] == "gzip"
    batch = json.loads(gzip.decompress(big))
    assert len(batch["events"]) == 200 and set(batch["events"][0]) == {
        "seq", "uuid", "kind", "list_no", "at", "clerk", "payload", "prev_hash", "hash"
    }  # fmt: skip


def test_a_server_that_never_answers_times_out(canned: tuple[Canned, str]) -> None:
    state, url = canned
    state.hang_s = 10
    started = time.monotonic()
    with WardClient(url, credentials=CREDS, timeout=(0.5, 0.5)) as client, pytest.raises(Unreachable, match="in time"):
        client.health()
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (200, b"<html>Welcome to the hotel Wi-Fi</html>", "text/html"),
        (200, b'{"ok": true}', "application/json"),  # no server_time: not the ward's protocol
        (302, b"", "text/html"),
    ],
)
def test_an_answer_that_is_not_the_ward_servers_is_no_answer(
    canned: tuple[Canned, str], status: int, body: bytes, content_type: str
) -> None:
    state, url = canned
    state.status, state.body, state.content_type = status, body, content_type
    with WardClient(url) as client, pytest.raises(Unreachable):
        client.health()


def test_server_errors_are_unreachable_and_refusals_carry_the_servers_words(canned: tuple[Canned, str]) -> None:
    state, url = canned
    state.status = 503
    with WardClient(url, credentials=CREDS) as client:
        with pytest.raises(Unreachable) as down:
            client.post_events("dev-x", 7, events(1))
        assert not isinstance(down.value, Rejected)
        state.status = 422
        state.body = json.dumps(
            {"detail": "schema violation", "errors": [{"pointer": "/events/0/seq", "message": "bad"}]}
        ).encode()
        with pytest.raises(Rejected) as refused:
            client.post_events("dev-x", 7, events(1))
    assert refused.value.status == 422 and "/events/0/seq" in refused.value.message
    assert "tok-abc" not in str(refused.value) and "s3cr3t" not in str(refused.value)


def test_not_ward_server_is_a_kind_of_unreachable() -> None:
    assert issubclass(NotWardServer, Unreachable)


# --- TLS with the ward's own CA --------------------------------------------------------------


def _tls_files(folder: Path) -> tuple[Path, Path, Path]:
    """A ward CA and a server certificate for 127.0.0.1 signed by it."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ward test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )  # key_cert_sign, crl_sign
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "server.pem", folder / "server.key", folder / "ward-ca.pem"
    paths[0].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    paths[2].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return paths


def test_https_with_the_wards_own_ca(tmp_path: Path, clock: FakeClock) -> None:
    tls = _tls_files(tmp_path)
    with running_ward(tmp_path / "ward", tls=tls) as ward:
        code = ward.add_station(7)
        station = open_station(tmp_path / "laptop", clock)
        try:
            store = InMemoryCredentialStore()
            with pytest.raises(Unreachable, match="not trusted"):  # the system store does not know the ward's CA
                enrol(station, ward.url, code, store=store)
            done = enrol(station, ward.url, code, store=store, ca_bundle=tls[2])  # the code was not spent
            assert done.restore_problem is None
            assert (station.data_dir / "ward-ca.pem").read_bytes() == tls[2].read_bytes()  # kept with the station
            device = Device(station, store, done)
            device.check_in(1)
            assert device.sync().push.unsent == 0
        finally:
            station.close()
