"""Bytes a first visit transfers (issue 18, item 6): what the server sends, headers included.

    .venv/bin/python bench/transfer.py --base http://127.0.0.1:8000   # a running `make run`

For each page (home, search, a product, a storefront) the HTML is fetched over a real socket
with `Accept-Encoding: gzip` as a phone's browser sends it, then every stylesheet, script
and manifest the page links (once per page: a first visit, empty cache), without images.
Every byte read from the socket counts: status line, headers and the (compressed) body.
Beside the figures: the floor of the same run, a bare request's response (≈ headers alone).
bench/gallery.py calls `measure_site` on its seeded database with the project's WSGI app.
Budget: ≤ 60 KB a page.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import socket
import threading
from urllib.parse import urljoin, urlsplit

BUDGET = 60 * 1024
HEADERS = ("Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
           "Accept-Encoding: gzip, deflate, br\r\nAccept-Language: id\r\n"
           "User-Agent: Mozilla/5.0 (Linux; Android 13) bench-transfer\r\nConnection: close\r\n")
ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="(?:stylesheet|manifest)"[^>]*\shref)'
                   r'="([^"]+)"')


def fetch(host: str, port: int, path: str) -> tuple[int, bytes, dict[str, str]]:
    """(bytes on the wire, decoded body, headers) of one GET over a new connection."""
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{HEADERS}\r\n".encode())
        chunks = []
        while data := sock.recv(65536):
            chunks.append(data)
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    if not lines[0].split()[1].startswith(("2", "3")):
        raise RuntimeError(f"{path}: {lines[0]}")
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return len(raw), body, headers


def _unchunk(body: bytes) -> bytes:
    out, rest = [], body
    while rest:
        size, _, rest = rest.partition(b"\r\n")
        n = int(size.split(b";")[0], 16)
        if n == 0:
            break
        out.append(rest[:n])
        rest = rest[n + 2:]
    return b"".join(out)


def page_weight(host: str, port: int, path: str) -> dict:
    wire, body, headers = fetch(host, port, path)
    assets = {}
    for url in dict.fromkeys(ASSET.findall(body.decode("utf-8", "replace"))):
        absolute = urlsplit(urljoin(f"http://{host}:{port}{path}", url.replace("&amp;", "&")))
        if absolute.hostname not in (host, "localhost", "127.0.0.1"):
            raise RuntimeError(f"{path} loads {url} from another host")
        target = absolute.path + (f"?{absolute.query}" if absolute.query else "")
        assets[target] = fetch(host, port, target)[0]
    return {"path": path, "html": wire, "html_raw": len(body),
            "gzip": headers.get("content-encoding") == "gzip", "assets": assets,
            "total": wire + sum(assets.values())}


def show(pages: dict[str, dict], floor: int) -> None:
    print(f"\nbytes transferred, first visit, no images (Accept-Encoding: gzip; floor: a bare "
          f"response {floor} B)")
    print(f"{'page':12}{'HTML':>10}{'CSS+JS':>10}{'total':>10}   budget ≤ 60 KB")
    worker = pages.pop("(worker)", None)
    for name, page in pages.items():
        assets = sum(page["assets"].values())
        verdict = "ok" if page["total"] <= BUDGET else "OVER"
        print(f"{name:12}{page['html'] / 1024:9.1f}K{assets / 1024:9.1f}K"
              f"{page['total'] / 1024:9.1f}K   {verdict}"
              + ("" if page["gzip"] else "   (HTML not compressed)"))
        for asset, size in page["assets"].items():
            print(f"    {size / 1024:7.1f}K  {asset}")
    if worker:
        total = worker["sw"] + sum(worker["shell"].values())
        print(f"then, once per site after the first page: the offline worker and its shell "
              f"{total / 1024:.1f}K (sw.js {worker['sw'] / 1024:.1f}K + "
              f"{len(worker['shell'])} files, some already in the HTTP cache)")


def worker_install(host: str, port: int, path: str = "/sw.js") -> dict:
    """The service worker base.html registers on every first visit, and the shell it fetches
    at install (after the page has loaded): counted apart from the page's own bytes."""
    wire, body, _ = fetch(host, port, path)
    found = re.search(rb'"shell": (\[[^\]]*\])', body)
    shell = json.loads(found.group(1)) if found else []
    return {"sw": wire, "shell": {url: fetch(host, port, url)[0] for url in shell}}


def measure(host: str, port: int, paths: dict[str, str], bare: str = "") -> tuple[dict, int]:
    pages = {name: page_weight(host, port, path) for name, path in paths.items()}
    floor = fetch(host, port, bare)[0] if bare else 0
    with contextlib.suppress(RuntimeError):  # a site without the offline worker
        pages["(worker)"] = worker_install(host, port)
    return pages, floor


def measure_site(paths: dict[str, str], bare: str) -> tuple[dict, int]:
    """Serve the configured Django project on a free local port (wsgiref, in a thread) and
    measure it: the same middleware, compression and static serving as `make run`."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        return measure("127.0.0.1", server.server_port, paths, bare)
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--search", default="/gallery/?q=kopi")
    parser.add_argument("--product", help="a product page's path (default: the first card)")
    parser.add_argument("--storefront", help="a storefront's path (default: the first card's)")
    args = parser.parse_args()
    base = urlsplit(args.base)
    host, port = base.hostname or "127.0.0.1", base.port or 80
    _, search, _ = fetch(host, port, args.search)
    text = search.decode("utf-8", "replace")
    first = re.search(r'class="pcard-link" href="([^"]+)"', text)
    shop = re.search(r'class="pcard-by"><a href="([^"]+)"', text)
    paths = {"home": "/", "search": args.search,
             "product": args.product or (first.group(1) if first else "/"),
             "storefront": args.storefront or (shop.group(1) if shop else "/")}
    show(*measure(host, port, paths, "/robots.txt"))


if __name__ == "__main__":
    main()
