"""A TCP proxy that can fail like a restarting server: cut every connection, refuse new ones.

The tests put it between the app and PostgreSQL (or Redis), so a fault hits only the test's
own connections and the real server, shared with others, keeps running.
"""

import socket
import threading
from contextlib import suppress


class FaultProxy:
    """Forwards 127.0.0.1:``port`` to ``upstream``; :meth:`cut` and :meth:`restore` fail it."""

    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.refusing = False
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._pairs: set[tuple[socket.socket, socket.socket]] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def start(self) -> "FaultProxy":
        self._thread.start()
        return self

    def cut(self) -> None:
        """Drop every open connection and refuse new ones, as a server going down does."""
        with self._lock:
            self.refusing = True
            pairs, self._pairs = self._pairs, set()
        for pair in pairs:
            _close(*pair)

    def restore(self) -> None:
        """Accept connections again, as the server back up does."""
        self.refusing = False

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        self.cut()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            if self.refusing:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._pairs.add((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        with suppress(OSError):  # either side gone: the connection ends
            while data := source.recv(65536):
                target.sendall(data)
        _close(source, target)


def _close(*sockets: socket.socket) -> None:
    for each in sockets:
        with suppress(OSError):  # already closed by the other side
            each.shutdown(socket.SHUT_RDWR)
        each.close()
