"""A Twisted Int32StringReceiver or NetstringReceiver peer for Torsion's interop tests.

    string_peer.py server --proto int32|netstring --max M [--lifetime S]
    string_peer.py client HOST PORT --proto int32|netstring --max M --mode MODE --count N
                          --seed S [--timeout S]

Both sides set MAX_LENGTH to M. The server listens on 127.0.0.1, prints "PORT <n>", and echoes
every string back; per connection it prints "LIMIT <length>" when lengthLimitExceeded is called
(int32) and, when the connection ends, "LOST <strings> <digest> <reason> <broken>" (strings it
received, their digest, the reason's class name, and brokenPeer for netstrings, else 0). It exits
when its standard input closes or after --lifetime seconds.

The client connects and, by --mode:
  send       sends N strings of seeded random lengths (0..M, with 0, 1, M-1 and M often) and
             checks that each comes back, in order; closes once all have.
  oversize   sends N valid strings and, once all are echoed, one of M+1 bytes; expects the
             server to close the connection then.
  malformed  (netstring) sends N valid strings and, once all are echoed, "3:abc!" (no trailing
             comma); expects the server to close the connection then.
It prints "SENT <count> <digest>", "RECEIVED <count> <digest>" and "LOST <reason>", then
"OK ..." and exits 0, or "FAILED <why>" and exits 1. The digest is SHA-256 over every string
as a 4-byte big-endian length and the bytes, whichever the framing.
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

BASES = {"int32": basic.Int32StringReceiver, "netstring": basic.NetstringReceiver}


def digest_update(digest, string):
    digest.update(struct.pack(">I", len(string)))
    digest.update(string)


def lengths(rng, count, maximum):
    edges = [0, 1, max(0, maximum - 1), maximum]
    for _ in range(count):
        yield rng.choice(edges) if rng.random() < 0.15 else rng.randint(0, maximum)


def echo_protocol(base, maximum):
    class Echo(base):
        MAX_LENGTH = maximum

        def connectionMade(self):
            base.connectionMade(self)
            self.count = 0
            self.digest = hashlib.sha256()

        def stringReceived(self, string):
            self.count += 1
            digest_update(self.digest, string)
            self.sendString(string)

        def lengthLimitExceeded(self, length):
            print("LIMIT %d" % length, flush=True)
            base.lengthLimitExceeded(self, length)

        def connectionLost(self, reason):
            print("LOST %d %s %s %d" % (self.count, self.digest.hexdigest(),
                                        reason.type.__name__,
                                        getattr(self, "brokenPeer", 0)), flush=True)

    return Echo


result = {"status": 1, "reason": "did not finish"}


def finish(status, reason):
    if result["reason"] == "did not finish":
        result["status"] = status
        result["reason"] = reason
    if reactor.running:
        reactor.stop()


def client_protocol(base, args):
    class Client(base):
        MAX_LENGTH = args.max

        def connectionMade(self):
            base.connectionMade(self)
            rng = random.Random(args.seed)
            self.sent = [rng.randbytes(n) for n in lengths(rng, args.count, args.max)]
            self.received = 0
            self.digest = hashlib.sha256()
            sent_digest = hashlib.sha256()
            for s in self.sent:
                digest_update(sent_digest, s)
                self.sendString(s)
            print("SENT %d %s" % (len(self.sent), sent_digest.hexdigest()), flush=True)
            if not self.sent:
                self.allEchoed()

        def allEchoed(self):
            # The bad input goes alone, after every echo, so that the server has read all
            # there is when it closes (unread bytes would turn its close into a reset).
            if args.mode == "send":
                self.transport.loseConnection()
            elif args.mode == "oversize":
                self.sendString(b"x" * (args.max + 1))
            else:
                self.transport.write(b"3:abc!")

        def stringReceived(self, string):
            if self.received >= len(self.sent):
                finish(1, "an echo more than was sent")
                return
            if string != self.sent[self.received]:
                finish(1, "echo %d differs: %d bytes, sent %d" % (
                    self.received, len(string), len(self.sent[self.received])))
                return
            digest_update(self.digest, string)
            self.received += 1
            if self.received == len(self.sent):
                self.allEchoed()

        def connectionLost(self, reason):
            print("RECEIVED %d %s" % (self.received, self.digest.hexdigest()), flush=True)
            print("LOST %s" % reason.type.__name__, flush=True)
            if self.received != len(self.sent):
                finish(1, "%d of %d echoes before the connection ended: %s"
                       % (self.received, len(self.sent), reason.getErrorMessage()))
            elif not reason.check(ConnectionDone):
                finish(1, "connection ended uncleanly: " + reason.getErrorMessage())
            else:
                finish(0, "%d echoes, then the connection closed" % self.received)

    return Client


class ClientFactory(protocol.ClientFactory):
    noisy = False

    def clientConnectionFailed(self, connector, reason):
        finish(1, "connection failed: " + reason.getErrorMessage())


def run_server(args):
    factory = protocol.Factory.forProtocol(echo_protocol(BASES[args.proto], args.max))
    factory.noisy = False
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    print("PORT %d" % port.getHost().port, flush=True)

    def watch_stdin():
        sys.stdin.buffer.read()
        reactor.callFromThread(lambda: reactor.running and reactor.stop())

    threading.Thread(target=watch_stdin, daemon=True).start()
    reactor.callLater(args.lifetime, lambda: reactor.running and reactor.stop())
    reactor.run()


def run_client(args):
    factory = ClientFactory()
    factory.protocol = client_protocol(BASES[args.proto], args)
    reactor.connectTCP(args.host, args.port, factory, timeout=10)
    reactor.callLater(args.timeout, finish, 1, "timed out after %s s" % args.timeout)
    reactor.run()
    print(("OK " if result["status"] == 0 else "FAILED ") + result["reason"], flush=True)
    sys.exit(result["status"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["server", "client"])
    parser.add_argument("host", nargs="?")
    parser.add_argument("port", nargs="?", type=int)
    parser.add_argument("--proto", choices=sorted(BASES), required=True)
    parser.add_argument("--max", type=int, required=True)
    parser.add_argument("--mode", choices=["send", "oversize", "malformed"], default="send")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--lifetime", type=float, default=120.0)
    args = parser.parse_args()
    if args.role == "server":
        run_server(args)
    else:
        run_client(args)


if __name__ == "__main__":
    main()
