"""A Twisted echo server for Torsion's interop tests (dev.torsion.it.interop).

Listens on 127.0.0.1 on a port the system chooses, prints "PORT <n>" once listening, and echoes
every byte back. It exits when its standard input closes (the Java test is done with it, or its
JVM died) or after --lifetime seconds, whichever comes first, so it never outlives the test.
"""

import argparse
import sys
import threading

from twisted.internet import protocol, reactor


class Echo(protocol.Protocol):
    def dataReceived(self, data):
        self.transport.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=120.0)
    args = parser.parse_args()

    factory = protocol.Factory.forProtocol(Echo)
    factory.noisy = False
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    print("PORT %d" % port.getHost().port, flush=True)

    def stop(why):
        print("STOPPING: " + why, flush=True)
        if reactor.running:
            reactor.stop()

    def watch_stdin():
        sys.stdin.buffer.read()
        reactor.callFromThread(stop, "stdin closed")

    threading.Thread(target=watch_stdin, daemon=True).start()
    reactor.callLater(args.lifetime, stop, "lifetime of %s s is over" % args.lifetime)
    reactor.run()


if __name__ == "__main__":
    main()
