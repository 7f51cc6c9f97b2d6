"""A Twisted LineReceiver that switches to TLS midstream, for Torsion's STARTTLS interop tests.

    starttls_peer.py server PEM SIZE [--lifetime S]
    starttls_peer.py client CA_PEM PORT SIZE [--lifetime S]

The conversation, in clear: the client sends the line "STARTTLS"; the server answers the line
"GO" and calls transport.startTLS (TLS server); the client, on reading "GO", calls
transport.startTLS (TLS client). From then on both sides are in raw mode: each sends SIZE
seeded random bytes through TLS and reads SIZE bytes; the client closes once it has read all
of them (close_notify), and the server closes when the client has.

PEM holds the server's certificate and private key; CA_PEM the certificate the client trusts
for the name "localhost" (pyOpenSSL and service_identity verify it). The server listens on
127.0.0.1 and prints "PORT <n>". Each side prints "SENT <sha256>" and "RECEIVED <n> <sha256>"
(hex digests of what it wrote and what it read after the switch), then "LOST <reason type>"
when its connection ends, and exits. Every run ends after --lifetime seconds (default 60).
"""

import argparse
import hashlib
import random
import sys

from twisted.internet import protocol, reactor, ssl
from twisted.protocols import basic

CHUNK = 65536


class StartTLSPeer(basic.LineReceiver):
    delimiter = b"\r\n"

    def __init__(self, is_client, options, size, seed):
        self.is_client = is_client
        self.options = options
        self.size = size
        self.rng = random.Random(seed)
        self.sent = hashlib.sha256()
        self.received = hashlib.sha256()
        self.count = 0

    def connectionMade(self):
        if self.is_client:
            self.sendLine(b"STARTTLS")

    def lineReceived(self, line):
        if not self.is_client and line == b"STARTTLS":
            self.sendLine(b"GO")
            self.switch()
        elif self.is_client and line == b"GO":
            self.switch()
        else:
            print("UNEXPECTED", line, flush=True)
            self.transport.abortConnection()

    def switch(self):
        self.transport.startTLS(self.options)
        self.setRawMode()
        left = self.size
        while left > 0:
            n = min(CHUNK, left)
            data = self.rng.randbytes(n)
            self.sent.update(data)
            self.transport.write(data)
            left -= n
        print("SENT", self.sent.hexdigest(), flush=True)
        if self.size == 0:
            self.maybeDone()

    def rawDataReceived(self, data):
        self.received.update(data)
        self.count += len(data)
        self.maybeDone()

    def maybeDone(self):
        if self.count == self.size:
            print("RECEIVED", self.count, self.received.hexdigest(), flush=True)
            if self.is_client:
                self.transport.loseConnection()

    def connectionLost(self, reason):
        if self.count != self.size:
            print("RECEIVED", self.count, self.received.hexdigest(), flush=True)
        print("LOST", reason.type.__name__, flush=True)
        reactor.callLater(0, reactor.stop)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["server", "client"])
    parser.add_argument("args", nargs="+")
    parser.add_argument("--lifetime", type=float, default=60)
    opts = parser.parse_args()
    reactor.callLater(opts.lifetime, reactor.stop)
    if opts.mode == "server":
        pem, size = opts.args[0], int(opts.args[1])
        cert = ssl.PrivateCertificate.loadPEM(open(pem).read())
        factory = protocol.Factory.forProtocol(
            lambda: StartTLSPeer(False, cert.options(), size, 2))
        port = reactor.listenTCP(0, factory, interface="127.0.0.1")
        print("PORT", port.getHost().port, flush=True)
    else:
        ca_pem, port, size = opts.args[0], int(opts.args[1]), int(opts.args[2])
        ca = ssl.Certificate.loadPEM(open(ca_pem).read())
        options = ssl.optionsForClientTLS("localhost", trustRoot=ca)
        factory = protocol.ClientFactory.forProtocol(
            lambda: StartTLSPeer(True, options, size, 1))
        reactor.connectTCP("127.0.0.1", port, factory)
    reactor.run()


if __name__ == "__main__":
    sys.exit(main())
