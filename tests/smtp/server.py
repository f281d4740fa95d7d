"""A loopback SMTP server for the integration tests.

Usage: server.py PORT DIR

Listens on 127.0.0.1:PORT and writes every message it receives to DIR as
NNNN.eml (the bytes as received), renamed into place once complete. Prints
READY on standard output once it accepts connections, and stops when its
standard input is closed, so it never outlives the test that started it.
Exits with status 3 and a message naming the missing package if aiosmtpd
is not installed.
"""

import os
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:
    print(
        "MISSING: the Python package aiosmtpd "
        "(Debian: apt-get install python3-aiosmtpd; or pip install aiosmtpd)",
        flush=True,
    )
    sys.exit(3)


class SaveToDir:
    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        path = os.path.join(self.directory, "%04d.eml" % n)
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    directory = sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(SaveToDir(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
