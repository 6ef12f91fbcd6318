"""The server the browser tests talk to survives what a browser does to it."""

import gc
import socket
import struct
from urllib.parse import urlsplit


def test_a_stylesheet_request_the_browser_resets_leaves_no_file_open(live_server):
    address = urlsplit(live_server.url)
    for _ in range(20):
        connection = socket.create_connection((address.hostname, address.port))
        connection.sendall(b"GET /static/css/consult.css HTTP/1.1\r\nHost: test\r\n\r\n")
        assert connection.recv(12) == b"HTTP/1.1 200"
        # Close with a reset, as Chromium does when it cancels a request.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    gc.collect()  # an unclosed file surfaces here, and pytest fails the test on it
