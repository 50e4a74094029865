"""Helpers for tests that need a real SPARQL server: free ports, an Oxigraph server process."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    """Return the ``oxigraph`` server binary beside the interpreter or on PATH, if any."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


def wait_for(url: str, timeout: float = 20.0) -> None:
    """Wait until ``url`` answers an HTTP request (any status)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1.0):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not answer within {timeout} s") from None
            time.sleep(0.05)


@contextmanager
def oxigraph_server(location: Path, *, union_default_graph: bool = True) -> Iterator[str]:
    """Run ``oxigraph serve`` on a free loopback port; yield its base URL; stop it after."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("no oxigraph server binary (pip install oxigraph)")
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(f"{url}/query?query=ASK%7B%7D")
        except TimeoutError:
            process.kill()
            _, err = process.communicate(timeout=5)
            raise RuntimeError(f"oxigraph serve did not start: {err.decode()[-500:]}") from None
        yield url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if process.stderr:
            process.stderr.close()
