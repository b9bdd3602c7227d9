"""Where an import's bytes come from: a path, the bytes themselves, an upload, or a URL.

A URL is fetched within a time limit for the whole download and a size limit, and its redirects
are followed only to the public internet. The format is the caller's, else guessed from the file.
"""

from __future__ import annotations

import functools
import http.client
import io
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from time import monotonic
from typing import IO

from django.conf import settings
from django.utils.translation import gettext

from meetings.importing.problems import ImportFailed, ImportProblem

FORMATS = ("json", "csv")
FETCH_TIMEOUT = 30
FETCH_CHUNK = 64 * 1024
USER_AGENT = "smartrecovery-import/1.0"


def max_file_size() -> int:
    """The most bytes an import reads from an upload or a URL (the IMPORT_MAX_MB setting)."""
    return settings.IMPORT_MAX_MB * 1024 * 1024


def too_large() -> str:
    return gettext(
        "the file is larger than %(most)s MB, the most an import reads (the IMPORT_MAX_MB setting)"
    ) % {"most": settings.IMPORT_MAX_MB}


def read_source(source: str | Path | bytes | IO[bytes]) -> tuple[bytes, str]:
    """The bytes to import and the file's name ("" when it has none)."""
    if isinstance(source, bytes):
        return source, ""
    if isinstance(source, str | Path):
        path = Path(source)
        return path.read_bytes(), path.name
    # An upload: read no more than the limit, whatever size it claims.
    data = source.read(max_file_size() + 1)
    if len(data) > max_file_size():
        raise ImportFailed([ImportProblem(0, "file", too_large())])
    return data, str(getattr(source, "name", "") or "")


def guess_format(name: str, data: bytes) -> str:
    """``json`` or ``csv``, from the file name, else from the first character."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{") else "csv"


def fetch_url(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """Download a feed over http or https, within a time limit and a size limit.

    The time limit bounds the whole download (connecting, the headers and every read), not each
    read, so a server sending a byte now and then cannot hold the import. Redirects are followed
    only to http or https addresses on the public internet: a feed's server must not be able to
    point the import at this network's own services.
    """
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ImportFailed(
            [ImportProblem(0, "url", gettext("only http:// and https:// addresses"))]
        )
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _HTTPHandler(deadline), _HTTPSHandler(deadline), _PublicRedirectHandler()
    )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    limit = max_file_size()
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise ImportFailed([ImportProblem(0, "url", too_large())])
            data = bytearray()
            while len(data) <= limit:
                chunk = response.read(min(FETCH_CHUNK, limit + 1 - len(data)))
                if not chunk:
                    break
                data += chunk
                deadline.remaining()
    except _RefusedRedirect as refused:
        problem = gettext("refused a redirect to %(url)s: %(reason)s") % {
            "url": refused.url,
            "reason": refused.reason,
        }
        raise ImportFailed([ImportProblem(0, "url", problem)]) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        is_http_error = isinstance(exc, urllib.error.HTTPError)
        reason = exc if is_http_error else getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            reason = gettext("it took longer than %(seconds)s seconds") % {
                "seconds": f"{timeout:g}"
            }
        problem = gettext("could not fetch %(url)s: %(reason)s") % {"url": url, "reason": reason}
        raise ImportFailed([ImportProblem(0, "url", problem)]) from None
    if len(data) > limit:
        raise ImportFailed([ImportProblem(0, "url", too_large())])
    return bytes(data)


class _Deadline:
    """The moment a download must be over by."""

    def __init__(self, seconds: float) -> None:
        self.end = monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left; a TimeoutError once there are none."""
        left = self.end - monotonic()
        if left <= 0:
            raise TimeoutError("the time limit passed")
        return left


class _DeadlineReader(io.RawIOBase):
    """A response's socket, each read of which waits no longer than the time left."""

    def __init__(self, raw: io.RawIOBase, sock: socket.socket, deadline: _Deadline) -> None:
        super().__init__()
        self.raw, self.sock, self.deadline = raw, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        self.sock.settimeout(self.deadline.remaining())
        return self.raw.readinto(buffer)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(sock, *args, **kwargs)
        # The headers and the body are read through this, so both are bounded.
        self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))


class _DeadlineConnection:
    """Connects within the time left, and gives a response that reads within it."""

    def __init__(self, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self.response_class = functools.partial(_DeadlineResponse, deadline=deadline)

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()


class _HTTPConnection(_DeadlineConnection, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineConnection, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req, deadline=self.deadline)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=self._context, deadline=self.deadline)


class _RefusedRedirect(Exception):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


class _PublicRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http or https on a host whose every address is public."""

    def http_error_302(self, req, fp, code, msg, headers):
        # Before urllib's own check, which lets ftp:// through: one message for every scheme.
        target = headers.get("location") or headers.get("uri") or ""
        if urllib.parse.urlsplit(target).scheme.lower() not in ("", "http", "https"):
            fp.close()
            raise _RefusedRedirect(target, "only http:// and https:// addresses")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if reason := _redirect_refusal(newurl):
            fp.close()
            raise _RefusedRedirect(newurl, reason)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _redirect_refusal(url: str) -> str | None:
    """Why the import will not follow a redirect to this URL, or None when it will."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return gettext("only http:// and https:// addresses")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        return gettext("its host cannot be found")
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        # Not global: loopback, private, link-local, reserved, shared and unspecified addresses.
        if not address.is_global or address.is_multicast:
            return gettext("%(host)s is on a private network (%(address)s)") % {
                "host": parts.hostname,
                "address": address,
            }
    return None
