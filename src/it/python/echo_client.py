"""A Twisted echo client for Torsion's interop tests (dev.torsion.it.interop).

Connects to HOST:PORT, sends --bytes random bytes (from --seed) in writes of random sizes, reads
the echo, and closes once it has all of it. Prints "SENT <sha256>" and
"RECEIVED <sha256> <count>", then exits 0 when the echo matches what was sent, else 1 with the
reason on the last line. Gives up after --timeout seconds.
"""

import argparse
import hashlib
import random
import sys

from twisted.internet import protocol, reactor

result = {"status": 1, "reason": "did not finish"}


def finish(status, reason):
    if result["reason"] == "did not finish":
        result["status"] = status
        result["reason"] = reason
    if reactor.running:
        reactor.stop()


class Client(protocol.Protocol):
    def __init__(self, total, seed):
        self.total = total
        self.rng = random.Random(seed)
        self.sent = hashlib.sha256()
        self.received = hashlib.sha256()
        self.count = 0

    def connectionMade(self):
        remaining = self.total
        while remaining:
            n = min(remaining, self.rng.randint(1, 65536))
            chunk = self.rng.randbytes(n)
            self.sent.update(chunk)
            self.transport.write(chunk)
            remaining -= n
        print("SENT " + self.sent.hexdigest(), flush=True)

    def dataReceived(self, data):
        self.received.update(data)
        self.count += len(data)
        if self.count >= self.total:
            self.transport.loseConnection()

    def connectionLost(self, reason):
        print("RECEIVED %s %d" % (self.received.hexdigest(), self.count), flush=True)
        if self.count != self.total:
            finish(1, "echo was %d bytes, not %d: %s" % (self.count, self.total,
                                                         reason.getErrorMessage()))
        elif self.received.digest() != self.sent.digest():
            finish(1, "echo differs from what was sent")
        else:
            finish(0, "echo matches")


class Factory(protocol.ClientFactory):
    noisy = False

    def __init__(self, total, seed):
        self.total = total
        self.seed = seed

    def buildProtocol(self, addr):
        return Client(self.total, self.seed)

    def clientConnectionFailed(self, connector, reason):
        finish(1, "connection failed: " + reason.getErrorMessage())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--bytes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    reactor.connectTCP(args.host, args.port, Factory(args.bytes, args.seed), timeout=10)
    reactor.callLater(args.timeout, finish, 1, "timed out after %s s" % args.timeout)
    reactor.run()
    print(("OK " if result["status"] == 0 else "FAILED ") + result["reason"], flush=True)
    sys.exit(result["status"])


if __name__ == "__main__":
    main()
