"""The load smoke test's client side: one persistent keep-alive connection to 127.0.0.1 with
its cookies, forms with their CSRF token, the two ways of logging in (a local-mode login link,
a server-mode password), and running the `coffeechat` command."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HOST = "127.0.0.1"  # the only address the load test ever talks to
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- HTTP: one persistent connection with its cookies ---------------------------------------


class Browser:
    """One keep-alive connection to the server on 127.0.0.1, with a cookie jar."""

    def __init__(self, port: int, timeout: float = 60.0, cookies: dict | None = None) -> None:
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        if not path.startswith("/"):
            raise ValueError(f"only paths on {HOST} are requested, not {path!r}")
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        sent = {"Accept": "text/html", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
            content = response.read()
        except BaseException:
            self.close()  # the next request opens a new connection
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def get(self, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict) -> tuple[int, http.client.HTTPMessage, bytes]:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, urlencode(fields).encode(), headers)

    def retrying_get(self, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        """For setup and polling: a kept-alive connection the server closed is opened again."""
        try:
            return self.get(path)
        except (ConnectionError, http.client.HTTPException):
            return self.get(path)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def csrf_token(page: bytes) -> str:
    found = CSRF_FIELD.search(page.decode("utf-8", "replace"))
    if not found:
        raise RuntimeError("no CSRF token in the page")
    return found.group(1)


def multipart(fields: dict, file_field: str, file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = f"----coffeechat-load-{uuid.uuid4().hex}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# --- Logging in -------------------------------------------------------------------------------


def login_with_password(port: int, username: str, password: str) -> Browser:
    browser = Browser(port)
    status, _, page = browser.retrying_get("/accounts/login/")
    if status != 200:
        raise RuntimeError(f"the login page answered {status}")
    fields = {"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(page)}
    status, _, _ = browser.post_form("/accounts/login/", fields)
    if status != 302:
        raise RuntimeError(f"logging in as {username!r} answered {status}, not a redirect")
    return check_logged_in(browser, username)


def login_with_link(port: int, env: dict, username: str) -> Browser:
    """Local mode: `coffeechat login-link` prints a one-time link for the owner."""
    output = run_cli(env, "login-link", "--port", str(port), timeout=120)
    link = urlsplit(output.strip().splitlines()[-1])
    if link.hostname != HOST:
        raise RuntimeError(f"the login link is not for {HOST}: {link.geturl()}")
    browser = Browser(port)
    status, _, _ = browser.retrying_get(f"{link.path}?{link.query}")
    if status != 302:
        raise RuntimeError(f"the login link answered {status}, not a redirect")
    return check_logged_in(browser, username)


def check_logged_in(browser: Browser, username: str) -> Browser:
    status, _, _ = browser.get("/")
    if status != 200:
        raise RuntimeError(f"{username!r} is not logged in: Today answered {status}")
    return browser


# --- The server -------------------------------------------------------------------------------


def coffeechat_command() -> list[str]:
    installed = Path(sys.executable).parent / "coffeechat"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "coffeechat"]


def run_cli(env: dict, *args: str, timeout: float) -> str:
    completed = subprocess.run(
        [*coffeechat_command(), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"coffeechat {' '.join(args)} failed (exit {completed.returncode}):\n"
            + completed.stderr[-2000:]
        )
    return completed.stdout
