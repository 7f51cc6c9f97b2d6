"""A Twisted LineReceiver peer, switching between line and raw mode, for Torsion's interop tests.

    line_peer.py server --delimiter HEX --max M [--lifetime S]
    line_peer.py client HOST PORT --delimiter HEX --max M --count N --seed S [--timeout S]

Both sides speak the same stream of items over a LineReceiver with the given delimiter and
MAX_LENGTH: a line item is one line (never starting with "RAW "); a raw item is the line
"RAW <n>" followed by n raw bytes, read in raw mode (setRawMode in lineReceived; the bytes after
the n go back through setLineMode(extra)). The raw bytes are random and full of the delimiter.

The server listens on 127.0.0.1, prints "PORT <n>", echoes every item as it came, and prints
"LOST <items> <digest> <reason>" when a connection ends. It exits when its standard input closes
or after --lifetime seconds. The client sends N seeded random items (lines of 0..M bytes, M
included; raw items of 0..6000 bytes), checks each echo in order, closes once all have come
back, prints "SENT <items> <digest>" and "RECEIVED <items> <digest>", then "OK ..." (exit 0) or
"FAILED <why>" (exit 1). The digest is SHA-256 over each item as its kind ("L" or "R"), a
4-byte big-endian length, and its bytes.
"""

import argparse
import hashlib
import random
import struct
import sys
import threading

from twisted.internet import protocol, reactor
from twisted.internet.error import ConnectionDone
from twisted.protocols import basic


def digest_update(digest, kind, data):
    digest.update(kind + struct.pack(">I", len(data)) + data)


def items(rng, count, maximum, delimiter):
    """Seeded items: (b"L", line) or (b"R", raw bytes)."""
    pieces = [delimiter[:1], delimiter[-1:], delimiter[:-1] or b"a"]
    out = []
    for _ in range(count):
        if rng.random() < 0.3:
            n = rng.choice([0, 1, rng.randint(0, 6000)])
            raw = bytearray(rng.randbytes(n))
            for _ in range(n // 200):
                at = rng.randrange(0, n)
                raw[at:at + len(delimiter)] = delimiter
            out.append((b"R", bytes(raw[:n])))
            continue
        n = rng.choice([0, maximum, rng.randint(0, maximum)])
        line = bytearray()
        while len(line) < n:
            line += rng.choice(pieces) if rng.random() < 0.1 else \
                bytes([rng.choice(b"abcdefghijklmnopqrstuvwxyz0123456789 ")])
        line = bytes(line[:n])
        # A line must end exactly at its delimiter: no delimiter inside, none made across.
        while (line + delimiter).find(delimiter) != len(line):
            line = line[:-1]
        out.append((b"L", line))
    return out


def encode(kind, data, delimiter):
    if kind == b"L":
        return data + delimiter
    return b"RAW %d" % len(data) + delimiter + data


class ItemReceiver(basic.LineReceiver):
    """Parses items; calls itemReceived(kind, data)."""

    remaining = 0
    raw = b""

    def lineReceived(self, line):
        if line.startswith(b"RAW "):
            n = int(line[4:])
            if n == 0:
                self.itemReceived(b"R", b"")
            else:
                self.remaining = n
                self.raw = b""
                self.setRawMode()
        else:
            self.itemReceived(b"L", line)

    def rawDataReceived(self, data):
        take = data[:self.remaining]
        self.raw += take
        self.remaining -= len(take)
        if self.remaining == 0:
            raw, self.raw = self.raw, b""
            self.itemReceived(b"R", raw)
            self.setLineMode(data[len(take):])

    def lineLengthExceeded(self, line):
        print("LINE TOO LONG %d" % len(line), flush=True)
        basic.LineReceiver.lineLengthExceeded(self, line)


def echo_protocol(delimiter, maximum):
    class Echo(ItemReceiver):
        MAX_LENGTH = maximum

        def connectionMade(self):
            self.delimiter = delimiter
            self.count = 0
            self.digest = hashlib.sha256()

        def itemReceived(self, kind, data):
            self.count += 1
            digest_update(self.digest, kind, data)
            self.transport.write(encode(kind, data, self.delimiter))

        def connectionLost(self, reason):
            print("LOST %d %s %s" % (self.count, self.digest.hexdigest(),
                                     reason.type.__name__), flush=True)

    return Echo


result = {"status": 1, "reason": "did not finish"}


def finish(status, reason):
    if result["reason"] == "did not finish":
        result["status"] = status
        result["reason"] = reason
    if reactor.running:
        reactor.stop()


def client_protocol(args, delimiter):
    class Client(ItemReceiver):
        MAX_LENGTH = args.max

        def connectionMade(self):
            self.delimiter = delimiter
            self.sent = items(random.Random(args.seed), args.count, args.max, delimiter)
            self.received = 0
            self.digest = hashlib.sha256()
            sent_digest = hashlib.sha256()
            for kind, data in self.sent:
                digest_update(sent_digest, kind, data)
                self.transport.write(encode(kind, data, delimiter))
            print("SENT %d %s" % (len(self.sent), sent_digest.hexdigest()), flush=True)

        def itemReceived(self, kind, data):
            if self.received >= len(self.sent) or self.sent[self.received] != (kind, data):
                finish(1, "echo %d differs: %s of %d bytes" % (self.received, kind, len(data)))
                self.transport.loseConnection()
                return
            digest_update(self.digest, kind, data)
            self.received += 1
            if self.received == len(self.sent):
                self.transport.loseConnection()

        def connectionLost(self, reason):
            print("RECEIVED %d %s" % (self.received, self.digest.hexdigest()), flush=True)
            if self.received != len(self.sent):
                finish(1, "%d of %d echoes before the connection ended: %s"
                       % (self.received, len(self.sent), reason.getErrorMessage()))
            elif not reason.check(ConnectionDone):
                finish(1, "connection ended uncleanly: " + reason.getErrorMessage())
            else:
                finish(0, "%d items echoed" % self.received)

    return Client


class ClientFactory(protocol.ClientFactory):
    noisy = False

    def clientConnectionFailed(self, connector, reason):
        finish(1, "connection failed: " + reason.getErrorMessage())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["server", "client"])
    parser.add_argument("host", nargs="?")
    parser.add_argument("port", nargs="?", type=int)
    parser.add_argument("--delimiter", required=True)
    parser.add_argument("--max", type=int, required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--lifetime", type=float, default=120.0)
    args = parser.parse_args()
    delimiter = bytes.fromhex(args.delimiter)

    if args.role == "server":
        factory = protocol.Factory.forProtocol(echo_protocol(delimiter, args.max))
        factory.noisy = False
        port = reactor.listenTCP(0, factory, interface="127.0.0.1")
        print("PORT %d" % port.getHost().port, flush=True)

        def watch_stdin():
            sys.stdin.buffer.read()
            reactor.callFromThread(lambda: reactor.running and reactor.stop())

        threading.Thread(target=watch_stdin, daemon=True).start()
        reactor.callLater(args.lifetime, lambda: reactor.running and reactor.stop())
        reactor.run()
        return

    factory = ClientFactory()
    factory.protocol = client_protocol(args, delimiter)
    reactor.connectTCP(args.host, args.port, factory, timeout=10)
    reactor.callLater(args.timeout, finish, 1, "timed out after %s s" % args.timeout)
    reactor.run()
    print(("OK " if result["status"] == 0 else "FAILED ") + result["reason"], flush=True)
    sys.exit(result["status"])


if __name__ == "__main__":
    main()
