"""A service that accepts connections and never answers: how a hung PostgreSQL or Redis looks to a client."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class HungService:
    port: int
    connections: list = field(default_factory=list)


@contextmanager
def hung_service() -> Iterator[HungService]:
    """Listen on a free port of 127.0.0.1, accept every connection, read nothing, answer nothing."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.settimeout(0.2)
    service = HungService(listener.getsockname()[1])
    held = service.connections
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        listener.close()
