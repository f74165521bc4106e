"""Load generator for the learning benchmark, run as a second process.

Run as ``python -m bench.learning_load``. Reads one job as JSON on stdin and writes the
results as JSON on stdout. Standard library only (threads and ``http.client``), so it imports
nothing from Django and costs the server little.
Every request opens its own connection (``Connection: close``), so a request is never retried
and each result is exactly one attempt.

Jobs:

- ``get``: ``{"mode": "get", "port": 8000, "paths": [...]}`` — one client, one path after
  another; returns each request's latency and status.
- ``book``: ``{"mode": "book", "port": 8000, "seconds": 15, "clients": [{"cookie": "...",
  "csrf": "...", "sessions": [1, 2, ...]}, ...]}`` — one thread per client, all starting
  together, each booking its sessions one after another until the time is up or its list ends.
- ``burst``: ``{"mode": "burst", "port": 8000, "clients": [{"cookie": "...", "csrf": "...",
  "session": 1}, ...]}`` — one thread per client, all released at once by a barrier, each
  making one booking.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from typing import Any

HOST = "127.0.0.1"
TIMEOUT_SECONDS = 120


def _request(port: int, method: str, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request(method, path, body=b"" if method == "POST" else None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _timed(port: int, method: str, path: str, headers: dict[str, str]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        status, body = _request(port, method, path, headers)
        error = ""
    except OSError as exc:  # refused, reset or timed out: an error, never retried
        status, body, error = 0, b"", f"{type(exc).__name__}: {exc}"
    return {
        "sent": started,
        "ms": (time.perf_counter() - started) * 1000,
        "status": status,
        "body": body.decode("utf-8", "replace"),
        "error": error,
    }


def _booking_headers(client: dict[str, Any]) -> dict[str, str]:
    return {
        "Host": HOST,
        "Connection": "close",
        "Accept": "application/json",
        "Content-Length": "0",
        "Cookie": f"sessionid={client['cookie']}; csrftoken={client['csrf']}",
        "X-CSRFToken": client["csrf"],
    }


def _booking_result(result: dict[str, Any]) -> dict[str, Any]:
    """Keep what the benchmark checks: the booking's id and state when one was made."""
    booking: dict[str, Any] = {}
    if result["status"] == 201:
        try:
            booking = json.loads(result["body"])
        except ValueError:
            result["error"] = "201 without a JSON body"
    else:
        result["error"] = result["error"] or result["body"][:200]
    return {
        "sent": result["sent"],
        "ms": result["ms"],
        "status": result["status"],
        "id": booking.get("id"),
        "state": booking.get("state"),
        "error": result["error"],
    }


def run_get(job: dict[str, Any]) -> list[dict[str, Any]]:
    headers = {"Host": HOST, "Connection": "close", "Accept": "application/json"}
    results = []
    for path in job["paths"]:
        result = _timed(job["port"], "GET", path, headers)
        results.append({"ms": result["ms"], "status": result["status"], "error": result["error"]})
    return results


def _threads(count: int, target: Any) -> None:
    threads = [threading.Thread(target=target, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_book(job: dict[str, Any]) -> list[dict[str, Any]]:
    clients = job["clients"]
    results: list[list[dict[str, Any]]] = [[] for _ in clients]
    barrier = threading.Barrier(len(clients))
    deadline: list[float] = []

    def client(n: int) -> None:
        headers = _booking_headers(clients[n])
        if barrier.wait() == 0:
            deadline.append(time.perf_counter() + job["seconds"])
        barrier.wait()
        for session_id in clients[n]["sessions"]:
            if time.perf_counter() >= deadline[0]:
                break
            path = f"/api/v1/learning/sessions/{session_id}/bookings"
            results[n].append(_booking_result(_timed(job["port"], "POST", path, headers)))

    started = time.perf_counter()
    _threads(len(clients), client)
    finished = time.perf_counter()
    flat = [dict(r, client=n) for n, rs in enumerate(results) for r in rs]
    return [{"started": started, "finished": finished, "deadline": deadline[0]}, *flat]


def run_burst(job: dict[str, Any]) -> list[dict[str, Any]]:
    clients = job["clients"]
    results: list[dict[str, Any]] = [{} for _ in clients]
    barrier = threading.Barrier(len(clients))

    def client(n: int) -> None:
        headers = _booking_headers(clients[n])
        path = f"/api/v1/learning/sessions/{clients[n]['session']}/bookings"
        barrier.wait()
        results[n] = dict(_booking_result(_timed(job["port"], "POST", path, headers)), client=n)

    _threads(len(clients), client)
    return results


MODES = {"get": run_get, "book": run_book, "burst": run_burst}


def main() -> int:
    job = json.load(sys.stdin)
    threading.stack_size(512 * 1024)
    json.dump(MODES[job["mode"]](job), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
