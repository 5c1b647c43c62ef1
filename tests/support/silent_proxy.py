"""A loopback TCP proxy in front of one server that can cut its connections silently: the
server sees them close at once, the clients see nothing (no FIN, no RST), as when a network
partition or a frozen host leaves the server to give up on a client that is still alive."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from urllib.parse import urlparse


class SilentProxy:
    """Forwards 127.0.0.1:`port` to `target`; `cut()` partitions every connection, now and
    later: what the clients write is swallowed and nothing comes back."""

    def __init__(self, target: tuple[str, int]) -> None:
        self._target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._cut = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._upstreams: list[socket.socket] = []

    @classmethod
    def in_front_of(cls, url: str) -> SilentProxy:
        """A proxy to the server of a postgresql:// URL."""
        target = urlparse(url)
        return cls((target.hostname or "127.0.0.1", target.port or 5432))

    def url_through(self, url: str) -> str:
        """The same database URL, through this proxy."""
        target = urlparse(url)
        return target._replace(netloc=f"{target.username}@127.0.0.1:{self.port}").geturl()

    @contextmanager
    def serving(self) -> Iterator[SilentProxy]:
        """Accept connections until the block ends, then close everything."""
        threading.Thread(target=self._accept, daemon=True).start()
        try:
            yield self
        finally:
            self._listener.close()
            with self._lock:
                for each in self._sockets:
                    each.close()

    def cut(self) -> None:
        """Close the server's side of every connection; leave the clients' hanging."""
        self._cut.set()
        with self._lock:
            for upstream in self._upstreams:
                _close(upstream)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # the listener was closed
            with self._lock:
                self._sockets.append(client)
            if self._cut.is_set():
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            upstream = socket.create_connection(self._target)
            with self._lock:
                self._sockets.append(upstream)
                self._upstreams.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        while True:
            try:
                data = source.recv(65536)
                if not data:
                    return
                if not self._cut.is_set():
                    sink.sendall(data)
            except OSError:
                return

    def _swallow(self, client: socket.socket) -> None:
        while True:
            try:
                if not client.recv(65536):
                    return
            except OSError:
                return


def _close(connection: socket.socket) -> None:
    with suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()
