"""gunicorn for HTTP Status Atlas behind nginx (deploy/nginx/atlas.conf):
`gunicorn -c deploy/gunicorn.conf.py`.

One node is one gunicorn master with its sync workers; nginx spreads requests over the nodes and retries a GET
on the next one when a node is down. Everything else comes from the environment the app reads (README,
"Run it in production"); these variables only shape the node.
"""

import multiprocessing
import os
import sys
from pathlib import Path

from gunicorn.http import wsgi

# The project root, whatever the working directory gunicorn was started from.
chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
worker_class = "sync"
# Longer than any page takes, shorter than nginx's proxy_read_timeout, so nginx sees the worker's end.
timeout = 30
# On SIGTERM (a restart): stop accepting, finish the requests in flight, exit. nginx sends new ones elsewhere.
graceful_timeout = 20
# nginx keeps connections to the nodes open (upstream keepalive).
keepalive = 5
# A worker is replaced after this many requests, at a different moment in each worker.
max_requests = 5000
max_requests_jitter = 500
# Only nginx on this host talks to the nodes; the app reads X-Forwarded-* from the proxies it trusts.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
proc_name = os.environ.get("GUNICORN_NAME", "atlas")


def on_starting(server):
    """Refuse to start before a single worker boots: this is production, whatever the environment says."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, chdir)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
        from foundation.production import refuse_unsafe_start

        refuse_unsafe_start()
    except ImproperlyConfigured as error:
        print(f"\n{error}\n", file=sys.stderr, flush=True)
        # The arbiter stops here with this status; no worker was forked.
        sys.exit(1)


class _HeadWithBody:
    """A client socket holding a response's head back until its first body bytes, then sending both."""

    def __init__(self, sock):
        self._sock, self._head = sock, None

    def sendall(self, data: bytes) -> None:
        # gunicorn's first write of a response is always its head.
        if self._head is None:
            self._head = data
            return
        self._sock.sendall(self._head + data)
        self._head = b""

    def flush(self) -> None:
        if self._head:
            self._sock.sendall(self._head)
            self._head = b""

    def sendfile(self, *args, **kwargs):
        self.flush()
        return self._sock.sendfile(*args, **kwargs)


class OneSendResponse(wsgi.Response):
    """gunicorn's response, sending head and body in one system call.

    gunicorn writes the head and then the body; a node killed between the two leaves nginx with a head it has
    already passed on, too late to retry on the other node, and the visitor with an empty page. Sent together,
    a killed node has either sent nothing (nginx retries the GET elsewhere) or the whole answer.
    """

    def __init__(self, req, sock, cfg):
        super().__init__(req, _HeadWithBody(sock), cfg)

    def close(self):
        super().close()
        self.sock.flush()


wsgi.Response = OneSendResponse
