"""An editor's browser on one node and a bounded load through nginx, for the deploy stack's tests."""

import html.parser
import http.client
import threading
import time
import urllib.parse

from deploy.stack import Stack


class FormFields(html.parser.HTMLParser):
    """The fields a browser would submit from the form with ``form_id`` (inputs, textareas, selects)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image"}:
                self.fields.append(
                    [attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else "")]
                )
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
            self.fields.append(self._textarea)
        elif tag == "select":
            self._select = [attrs["name"], None]
        elif (
            tag == "option" and self._select is not None and ("selected" in attrs or self._select[1] is None)
        ):
            self._select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # A textarea's first newline belongs to the markup, not the value.
            self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if self._select[1] is not None:
                self.fields.append(self._select)
            self._select = None


class Browser:
    """An editor's browser on one node, as nginx would present it (its Host, HTTPS, its cookies)."""

    def __init__(self, stack: Stack, node: int):
        self.stack, self.port, self.cookies = stack, stack.node_ports[node], {}
        self.origin = stack.url

    def request(self, method: str, path: str, fields=None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": urllib.parse.urlsplit(self.origin).netloc,
            "X-Forwarded-Proto": "https",
            "Referer": self.origin + path,
            "Origin": self.origin,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        body = None
        if fields is not None:
            body = urllib.parse.urlencode([tuple(field) for field in fields])
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, cookie_value = value.split(";", 1)[0].split("=", 1)
                self.cookies[cookie_name] = cookie_value
        content = response.read().decode()
        connection.close()
        return response.status, dict(response.getheaders()), content

    def form(self, path: str, form_id: str) -> list[list[str]]:
        status, _headers, page = self.request("GET", path)
        assert status == 200, f"GET {path} answered {status}"
        parser = FormFields(form_id)
        parser.feed(page)
        return parser.fields

    def log_in(self, username: str, password: str) -> None:
        fields = dict(self.form("/admin/login/", "login-form"))
        fields.update(username=username, password=password)
        status, headers, _page = self.request("POST", "/admin/login/?next=/admin/", list(fields.items()))
        assert status == 302, f"the login answered {status}"
        assert "sessionid" in self.cookies


class Load:
    """GET requests from a few threads through nginx until stopped, each answer's status counted."""

    def __init__(self, stack: Stack, paths: list[str], *, threads: int = 4, headers: dict | None = None):
        self.stack, self.paths, self.headers = stack, paths, headers or {}
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def _run(self, n: int) -> None:
        connection, i = None, n
        while not self._stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            try:
                if connection is None:
                    connection = http.client.HTTPSConnection(
                        "127.0.0.1", self.stack.https_port, context=self.stack.ssl_context(), timeout=30
                    )
                connection.request("GET", path, headers=self.headers)
                response = connection.getresponse()
                response.read()
                with self._lock:
                    self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
            except (OSError, http.client.HTTPException) as error:
                with self._lock:
                    self.errors.append(f"{path}: {error!r}")
                connection = None

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        time.sleep(0.5)
        return self

    def __exit__(self, *exc):
        time.sleep(0.5)
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    @property
    def total(self) -> int:
        return sum(self.statuses.values()) + len(self.errors)

    @property
    def failed(self) -> dict:
        return {status: n for status, n in self.statuses.items() if status >= 500} | (
            {"errors": self.errors[:5]} if self.errors else {}
        )
