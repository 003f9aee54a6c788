#!/usr/bin/env python3
"""A canned streaming upstream for bench/adapters: one recorded stream per API shape, sent at once.

POST /v1/chat/completions                          -> openai.sse    (OpenAI and compatible)
POST /v1/messages                                  -> anthropic.sse (Anthropic Messages)
POST /v1beta/models/<model>:streamGenerateContent  -> gemini.sse    (Gemini, ?alt=sse)
POST /openai/deployments/<name>/chat/completions   -> azure.sse     (Azure OpenAI)

Usage: upstream.py PORT. Listens on 127.0.0.1 only; HTTP/1.1 keep-alive, one thread per connection.
"""
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
STREAMS = {}
for name in ("openai", "anthropic", "gemini", "azure"):
    with open(os.path.join(HERE, name + ".sse"), "rb") as f:
        STREAMS[name] = f.read()


def shape(path):
    if ":streamGenerateContent" in path:
        return "gemini"
    if path.startswith("/openai/deployments/"):
        return "azure"
    if path.endswith("/messages"):
        return "anthropic"
    if path.endswith("/chat/completions"):
        return "openai"
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without this the headers and the body leave in two segments and Nagle's algorithm holds the
    # second one for the client's delayed ACK: 40 ms of waiting that no real upstream has.
    disable_nagle_algorithm = True

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        name = shape(self.path)
        if name is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = STREAMS[name]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
