"""Twisted ends of a port forward for Torsion's interop tests (Torsion's ProxyFactory between).

    pf_peer.py server --mode echo|slow [--lifetime S]
    pf_peer.py client HOST PORT --bytes N --seed S [--timeout S]

The server listens on 127.0.0.1 and prints "PORT <n>". In echo mode it echoes every byte; in
slow mode it echoes nothing and reads nothing at first (its transport's pauseProducing), prints
"PAUSED" for each connection, and resumes reading every connection when a line "RESUME" arrives
on its standard input. Per connection it prints "LOST <bytes> <sha256> <reason>" when it ends.
It exits when its standard input closes or after --lifetime seconds.

The client (the sending end of the slow test) writes N seeded random bytes as a pull producer,
so that its own memory stays small however slow the path, then closes; it prints
"SENT <bytes> <sha256>" and, once the connection is gone, "OK ..." (exit 0) or
"FAILED <why>" (exit 1).
"""

import argparse
import hashlib
import random
import sys
import threading

from twisted.internet import protocol, reactor
from twisted.internet.error import ConnectionDone

connections = []


class Destination(protocol.Protocol):
    def __init__(self, mode):
        self.mode = mode
        self.count = 0
        self.digest = hashlib.sha256()

    def connectionMade(self):
        connections.append(self)
        if self.mode == "slow":
            self.transport.pauseProducing()
            print("PAUSED", flush=True)

    def dataReceived(self, data):
        self.count += len(data)
        self.digest.update(data)
        if self.mode == "echo":
            self.transport.write(data)

    def connectionLost(self, reason):
        connections.remove(self)
        print("LOST %d %s %s" % (self.count, self.digest.hexdigest(), reason.type.__name__),
              flush=True)


def resume_all():
    for c in list(connections):
        c.transport.resumeProducing()
    print("RESUMED %d" % len(connections), flush=True)


def run_server(args):
    factory = protocol.Factory.forProtocol(lambda: Destination(args.mode))
    factory.noisy = False
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    print("PORT %d" % port.getHost().port, flush=True)

    def watch_stdin():
        for line in sys.stdin:
            if line.strip() == "RESUME":
                reactor.callFromThread(resume_all)
        reactor.callFromThread(lambda: reactor.running and reactor.stop())

    threading.Thread(target=watch_stdin, daemon=True).start()
    reactor.callLater(args.lifetime, lambda: reactor.running and reactor.stop())
    reactor.run()


result = {"status": 1, "reason": "did not finish"}


def finish(status, reason):
    if result["reason"] == "did not finish":
        result["status"] = status
        result["reason"] = reason
    if reactor.running:
        reactor.stop()


class Source(protocol.Protocol):
    def __init__(self, total, seed):
        self.remaining = total
        self.total = total
        self.rng = random.Random(seed)
        self.digest = hashlib.sha256()

    def connectionMade(self):
        self.transport.registerProducer(self, False)

    def resumeProducing(self):
        if self.remaining == 0:
            return
        chunk = self.rng.randbytes(min(self.remaining, 65536))
        self.digest.update(chunk)
        self.remaining -= len(chunk)
        self.transport.write(chunk)
        if self.remaining == 0:
            print("SENT %d %s" % (self.total, self.digest.hexdigest()), flush=True)
            self.transport.unregisterProducer()
            self.transport.loseConnection()

    def stopProducing(self):
        pass

    def connectionLost(self, reason):
        if self.remaining:
            finish(1, "lost with %d bytes unsent: %s" % (self.remaining,
                                                        reason.getErrorMessage()))
        elif not reason.check(ConnectionDone):
            finish(1, "connection ended uncleanly: " + reason.getErrorMessage())
        else:
            finish(0, "sent %d bytes" % self.total)


class SourceFactory(protocol.ClientFactory):
    noisy = False

    def __init__(self, total, seed):
        self.total = total
        self.seed = seed

    def buildProtocol(self, addr):
        return Source(self.total, self.seed)

    def clientConnectionFailed(self, connector, reason):
        finish(1, "connection failed: " + reason.getErrorMessage())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["server", "client"])
    parser.add_argument("host", nargs="?")
    parser.add_argument("port", nargs="?", type=int)
    parser.add_argument("--mode", choices=["echo", "slow"], default="echo")
    parser.add_argument("--bytes", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--lifetime", type=float, default=120.0)
    args = parser.parse_args()
    if args.role == "server":
        run_server(args)
        return
    reactor.connectTCP(args.host, args.port, SourceFactory(args.bytes, args.seed), timeout=10)
    reactor.callLater(args.timeout, finish, 1, "timed out after %s s" % args.timeout)
    reactor.run()
    print(("OK " if result["status"] == 0 else "FAILED ") + result["reason"], flush=True)
    sys.exit(result["status"])


if __name__ == "__main__":
    main()
