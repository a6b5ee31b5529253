"""The production stack on one machine: nginx (TLS, static files, front cache) in front of two gunicorn nodes
that share PostgreSQL and Redis, everything on 127.0.0.1, every file it writes under one work folder.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python deploy/stack.py   (or: make stack)

prepares the database (migrate, load_content, groups, the editor account), collects the static files, makes
a self-signed certificate, writes nginx's configuration from deploy/nginx/ and runs it all until Ctrl-C. The
tests (tests/deploy/) and bench/front_cache.py drive the same stack through the ``Stack`` class.
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import http.client
import os
import pwd
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = BASE_DIR / "deploy"
HOST = "127.0.0.1"
NGINX = os.environ.get("ATLAS_NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
# The bound a publish takes to reach visitors through the front cache, in seconds: proxy_cache_valid in
# deploy/nginx/atlas.conf plus the content-version lease of production settings (README).
FRONT_CACHE_SECONDS = 10
CONTENT_VERSION_LEASE = 1
# nginx sets a node aside after MAX_FAILS failures within FAIL_TIMEOUT seconds, and tries it again only
# once FAIL_TIMEOUT has passed.
MAX_FAILS = 3
FAIL_TIMEOUT = 2


def render(template: str, values: dict[str, str]) -> str:
    """``{{NAME}}`` replaced by its value; a placeholder left without one is an error, not an empty string."""
    text = re.sub(r"\{\{([A-Z_]+)\}\}", lambda match: values.get(match.group(1), match.group(0)), template)
    if left := sorted(set(re.findall(r"\{\{([A-Z_]+)\}\}", text))):
        raise ValueError(f"No value for {', '.join(left)}")
    return text


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid 30 days, made with openssl."""
    certificate, key = folder / "tls-cert.pem", folder / "tls-key.pem"
    if not certificate.exists():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-keyout", str(key),
             "-out", str(certificate), "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
            check=True, capture_output=True,
        )  # fmt: skip
    return certificate, key


class Stack:
    """nginx on ``base_port`` (HTTP) and ``base_port + 1`` (HTTPS), node i on ``base_port + 2 + i``."""

    def __init__(self, work_dir: Path, *, database_url: str, redis_url: str, base_port: int = 8160,
                 nodes: int = 2, workers: int = 2, env: dict[str, str] | None = None):  # fmt: skip
        if not database_url.startswith(("postgres://", "postgresql://")):
            raise ValueError("The stack's nodes share one database: DATABASE_URL must be PostgreSQL.")
        if not redis_url:
            raise ValueError("The stack's nodes share one cache: set REDIS_URL.")
        self.work_dir = Path(work_dir)
        self.http_port, self.https_port = base_port, base_port + 1
        self.node_ports = [base_port + 2 + index for index in range(nodes)]
        self.workers = workers
        self.nodes: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None
        self.static_root = self.work_dir / "static"
        self.certificate, self.key = self.work_dir / "tls-cert.pem", self.work_dir / "tls-key.pem"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or self._local_secret_key(),
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{self.https_port},https://localhost:{self.https_port}",
            "DJANGO_STATIC_ROOT": str(self.static_root),
            "ATLAS_CONTENT_VERSION_LEASE": str(CONTENT_VERSION_LEASE),
            **(env or {}),
        }

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    def _local_secret_key(self) -> str:
        """This stack's own key, kept in its work folder across runs (sessions survive a restart)."""
        path = self.work_dir / "secret_key"
        if not path.exists():
            self.work_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    # Preparing ---------------------------------------------------------------------------------

    def manage(self, *args: str, quiet: bool = True) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        if not quiet:
            print(result.stdout, end="")
        return result.stdout

    def prepare(self, *, content: bool = True, quiet: bool = True) -> None:
        """What a deploy runs before the nodes start: static files, migrations, content, TLS, nginx."""
        (self.work_dir / "temp").mkdir(parents=True, exist_ok=True)
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("migrate", "--noinput", "-v0")
        if content:
            # Safe to run on every deploy: it never overwrites what an editor changed.
            self.manage("load_content", quiet=quiet)
            self.manage("create_editorial_groups", quiet=quiet)
            self.manage("ensure_editor", quiet=quiet)
        self_signed_certificate(self.work_dir)
        self.write_nginx_files()

    def write_nginx_files(self) -> None:
        upstream = "\n    ".join(
            f"server {HOST}:{port} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}s;"
            for port in self.node_ports
        )
        values = {
            "PREFIX": str(self.work_dir),
            "USER": pwd.getpwuid(os.getuid()).pw_name,
            "GROUP": grp.getgrgid(os.getgid()).gr_name,
            "MIME_TYPES": str(MIME_TYPES),
            "HTTP_LISTEN": f"{HOST}:{self.http_port}",
            "HTTPS_LISTEN": f"{HOST}:{self.https_port}",
            "HTTPS_PORT_SUFFIX": f":{self.https_port}",
            "SERVER_NAME": f"{HOST} localhost",
            "TLS_CERTIFICATE": str(self.certificate),
            "TLS_KEY": str(self.key),
            "UPSTREAM_SERVERS": upstream,
            "STATIC_ROOT": str(self.static_root),
            "CACHE_DIR": str(self.work_dir / "cache"),
            "PROXY_HEADERS": str(self.work_dir / "proxy_headers.conf"),
        }
        for name in ("nginx.conf", "atlas.conf", "proxy_headers.conf"):
            text = render((DEPLOY_DIR / "nginx" / name).read_text(), values)
            (self.work_dir / name).write_text(text)

    # Running -----------------------------------------------------------------------------------

    def start(self) -> None:
        for index in range(len(self.node_ports)):
            self.start_node(index)
        self.start_nginx()
        for index in range(len(self.node_ports)):
            self.wait_for_node(index)
        wait_until(self._nginx_answers, what=f"nginx at {self.url}")

    def _nginx_answers(self) -> bool:
        if self.nginx.poll() is not None:
            log = (self.work_dir / "error.log").read_text()[-3000:]
            raise RuntimeError(f"nginx exited with {self.nginx.returncode}:\n{log}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            return self.get("/en/")[0] == 200
        return False

    def start_nginx(self) -> None:
        command = [NGINX, "-p", str(self.work_dir), "-c", str(self.work_dir / "nginx.conf"),
                   "-e", str(self.work_dir / "error.log")]  # fmt: skip
        checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx refuses its configuration:\n{checked.stderr}")
        self.nginx = subprocess.Popen(command, start_new_session=True)

    def start_node(self, index: int) -> None:
        log = open(self.work_dir / f"node-{index}.log", "ab")  # noqa: SIM115 - the child keeps it
        env = {**self.env, "GUNICORN_BIND": f"{HOST}:{self.node_ports[index]}",
               "GUNICORN_WORKERS": str(self.workers), "GUNICORN_NAME": f"atlas-node-{index}",
               "GUNICORN_ACCESS_LOG": str(self.work_dir / f"node-{index}-access.log")}  # fmt: skip
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.nodes[index] = subprocess.Popen(
            [str(gunicorn), "-c", str(DEPLOY_DIR / "gunicorn.conf.py")],
            cwd=BASE_DIR, env=env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        log.close()

    def wait_for_node(self, index: int) -> None:
        url = f"http://{HOST}:{self.node_ports[index]}/en/"
        process = self.nodes[index]

        def answers() -> bool:
            if process.poll() is not None:
                log = (self.work_dir / f"node-{index}.log").read_text()[-3000:]
                raise RuntimeError(f"Node {index} exited with {process.returncode}:\n{log}")
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                return response.status == 200
            return False

        wait_until(answers, what=f"node {index} at {url}")

    def stop_node(self, index: int, sig: int = signal.SIGTERM) -> None:
        """SIGTERM: gunicorn's graceful stop. SIGKILL goes to the node's whole process group (its workers)."""
        process = self.nodes.pop(index, None)
        if process is None or process.poll() is not None:
            return
        if sig == signal.SIGKILL:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def restart_node(self, index: int) -> None:
        """One step of a rolling restart. A node that answers again may still be set aside by nginx (its
        requests failed while it was down) until FAIL_TIMEOUT has passed: stopping the next node before
        then leaves nginx no node to send to."""
        self.stop_node(index)
        self.start_node(index)
        self.wait_for_node(index)
        time.sleep(FAIL_TIMEOUT + 0.5)

    def stop(self) -> None:
        try:
            for index in list(self.nodes):
                self.stop_node(index)
        finally:
            # Whatever interrupted the nodes' stop, nginx must not outlive the stack and keep its ports.
            if self.nginx is not None and self.nginx.poll() is None:
                self.nginx.send_signal(signal.SIGQUIT)
                try:
                    self.nginx.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(self.nginx.pid, signal.SIGKILL)
                    self.nginx.wait(timeout=10)
            self.nginx = None

    # Talking to it -----------------------------------------------------------------------------

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certificate))

    def get(self, path: str, headers: dict | None = None, timeout: float = 10) -> tuple[int, dict, bytes]:
        """A GET through nginx over HTTPS: status, headers (lower-case names), body as sent."""
        request = urllib.request.Request(self.url + path, headers=headers or {})
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=self.ssl_context()), NoRedirects
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_until(condition, *, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer within {seconds:.0f} s.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/atlas-stack"))
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("ATLAS_STACK_PORT", "8160")))
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node")
    args = parser.parse_args()
    try:
        stack = Stack(args.work_dir, database_url=os.environ.get("DATABASE_URL", ""),
                      redis_url=os.environ.get("REDIS_URL", ""), base_port=args.base_port,
                      nodes=args.nodes, workers=args.workers)  # fmt: skip
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if not Path(NGINX).exists():
        print(
            f"nginx not found at {NGINX}: apt-get install nginx (only its binary is used).", file=sys.stderr
        )
        return 2
    print(f"Preparing in {args.work_dir} (collectstatic, migrate, load_content, the editor account, TLS)…")
    stack.prepare(quiet=False)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start()
        print(f"\nServing {stack.url}/ (self-signed certificate {stack.certificate}); http://{HOST}:"
              f"{stack.http_port}/ redirects there. Editors log in at {stack.url}/admin/. Nodes: "
              f"{', '.join(f'{HOST}:{port}' for port in stack.node_ports)}. Logs in {args.work_dir}. "
              "Ctrl-C stops everything.")  # fmt: skip
        while all(process.poll() is None for process in [stack.nginx, *stack.nodes.values()]):
            time.sleep(1)
        print("A server of the stack stopped; stopping the rest (logs in the work folder).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C or SIGTERM while stopping would leave servers running without the stack.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("Stopping the nodes (each finishes its requests) and nginx…", file=sys.stderr, flush=True)
        stack.stop()


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    sys.exit(main())
