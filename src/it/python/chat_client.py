"""A Twisted LineReceiver chat client for Torsion's chat interop test (dev.torsion.it.interop).

Connects to HOST:PORT, answers the name prompt with --nick and prints "JOINED" once welcomed.
When "* PEER has joined" arrives it says --say; when "<PEER> ..." arrives it prints
"HEARD <line>" and sends /quit. Every line received is printed as "LINE <line>". Exits 0 after
hearing the peer and being closed, else 1 with the reason on the last line; gives up after
--timeout seconds, and when its standard input closes.
"""

import argparse
import sys

from twisted.internet import protocol, reactor, stdio
from twisted.protocols import basic

result = {"status": 1, "reason": "did not finish"}


def finish(status, reason):
    if result["reason"] == "did not finish":
        result["status"] = status
        result["reason"] = reason
    if reactor.running:
        reactor.stop()


class Chatter(basic.LineReceiver):
    def __init__(self, nick, peer, say):
        self.nick = nick
        self.peer = peer
        self.say = say
        self.heard = False

    def lineReceived(self, line):
        text = line.decode("utf-8")
        print("LINE " + text, flush=True)
        if text == "What's your name?":
            self.sendLine(self.nick.encode("utf-8"))
        elif text.startswith("Welcome, " + self.nick + "!"):
            print("JOINED", flush=True)
        elif text == "* %s has joined" % self.peer:
            self.sendLine(self.say.encode("utf-8"))
        elif text.startswith("<%s> " % self.peer):
            self.heard = True
            print("HEARD " + text, flush=True)
            self.sendLine(b"/quit")

    def connectionLost(self, reason):
        if self.heard:
            finish(0, "heard the peer and left")
        else:
            finish(1, "closed before hearing the peer: " + reason.getErrorMessage())


class Factory(protocol.ClientFactory):
    noisy = False

    def __init__(self, args):
        self.args = args

    def buildProtocol(self, addr):
        return Chatter(self.args.nick, self.args.peer, self.args.say)

    def clientConnectionFailed(self, connector, reason):
        finish(1, "connection failed: " + reason.getErrorMessage())


class StdinWatch(protocol.Protocol):
    def connectionLost(self, reason):
        finish(1, "standard input closed")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--nick", required=True)
    parser.add_argument("--peer", required=True)
    parser.add_argument("--say", required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    stdio.StandardIO(StdinWatch())
    reactor.connectTCP(args.host, args.port, Factory(args), timeout=10)
    reactor.callLater(args.timeout, finish, 1, "timed out after %s s" % args.timeout)
    reactor.run()
    print(("OK " if result["status"] == 0 else "FAILED ") + result["reason"], flush=True)
    sys.exit(result["status"])


if __name__ == "__main__":
    main()
