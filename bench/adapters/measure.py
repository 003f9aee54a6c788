#!/usr/bin/env python3
"""Time to first token and per-chunk delay of streamed requests, for bench/adapters.

Usage: measure.py REQUESTS URL BODY_JSON [HEADER:VALUE ...]
Sends REQUESTS streamed POSTs one after another over one keep-alive connection and prints one line:
  ttft_ms_p50=… ttft_ms_p90=… chunk_ms_p50=… chunk_ms_p90=… events=…
TTFT is from sending the request to the first SSE data event that carries generated text (an
OpenAI delta.content, an Anthropic text_delta, a Gemini text part); the per-chunk delay is the gap
between consecutive data events after that one.
"""
import http.client
import json
import sys
import time
from urllib.parse import urlsplit


def carries_text(payload):
    if payload == "[DONE]":
        return False
    try:
        event = json.loads(payload)
    except ValueError:
        return False
    for choice in event.get("choices") or []:
        if (choice.get("delta") or {}).get("content"):
            return True
    if (event.get("delta") or {}).get("type") == "text_delta":
        return True
    for candidate in event.get("candidates") or []:
        for part in (candidate.get("content") or {}).get("parts") or []:
            if part.get("text"):
                return True
    return False


def one(connection, path, body, headers):
    start = time.perf_counter()
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    if response.status != 200:
        raise SystemExit(f"measure.py: {path} answered {response.status}: {response.read()[:300]!r}")
    first = None
    last = None
    gaps = []
    events = 0
    while True:
        line = response.readline()
        if not line:
            break
        line = line.strip()
        if not line.startswith(b"data:"):
            continue
        now = time.perf_counter()
        payload = line[5:].strip().decode()
        events += 1
        if first is None:
            if carries_text(payload):
                first = now
                last = now
            continue
        gaps.append(now - last)
        last = now
    response.read()
    if first is None:
        raise SystemExit(f"measure.py: no text arrived from {path}")
    return first - start, gaps, events


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main():
    requests, url, body = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
    headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
    for header in sys.argv[4:]:
        name, value = header.split(":", 1)
        headers[name] = value.strip()
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    ttfts, gaps, events = [], [], 0
    for _ in range(requests):
        ttft, request_gaps, request_events = one(connection, path, body, headers)
        ttfts.append(ttft)
        gaps.extend(request_gaps)
        events += request_events
    print("ttft_ms_p50=%.3f ttft_ms_p90=%.3f chunk_ms_p50=%.3f chunk_ms_p90=%.3f events=%d" % (
        percentile(ttfts, 0.5) * 1000, percentile(ttfts, 0.9) * 1000,
        percentile(gaps, 0.5) * 1000 if gaps else 0, percentile(gaps, 0.9) * 1000 if gaps else 0, events))


if __name__ == "__main__":
    main()
