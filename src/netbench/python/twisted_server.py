"""The Twisted 22.4 server of the network benchmark (bench/net), on the epoll reactor.

Speaks what the Java servers speak (dev.torsion.bench.net.BenchServer): an echo port, a lines
port (64-byte lines ending in \\n are counted; the line END answers the count), and the commands
on standard input: "shape NAME WARM_MS MEASURE_MS" answered by
"RESULT <round trips> <CPU ns>", and "quit".
"""
import sys
import threading
import time

from twisted.internet import epollreactor

epollreactor.install()

from twisted.internet import reactor, threads  # noqa: E402
from twisted.internet.protocol import Factory, Protocol  # noqa: E402
from twisted.protocols.basic import LineOnlyReceiver  # noqa: E402


class Echo(Protocol):
    def dataReceived(self, data):
        self.transport.write(data)


class Lines(LineOnlyReceiver):
    delimiter = b"\n"

    def __init__(self):
        self.count = 0

    def lineReceived(self, line):
        if line == b"END":
            self.sendLine(str(self.count).encode("ascii"))
            self.count = 0
        else:
            self.count += 1


class ShapeRun:
    """Counts round trips; warm-up until one deadline, measured until the next."""

    def __init__(self, warm, measure, done):
        self.warm_end = time.monotonic() + warm
        self.end = self.warm_end + measure
        self.measuring = False
        self.count = 0
        self.done = done

    def tick(self):
        self.count += 1
        if self.count & 15:
            return True
        now = time.monotonic()
        if not self.measuring and now >= self.warm_end:
            self.measuring = True
            self.count = 0
            self.cpu = time.process_time_ns()
        elif self.measuring and now >= self.end:
            self.done((self.count, time.process_time_ns() - self.cpu))
            return False
        return True


def iteration(run):
    def step():
        if run.tick():
            reactor.callLater(0, step)
    step()


def thread_trips(run):
    def step(_=None):
        if run.tick():
            threads.deferToThread(lambda: None).addCallback(step).addErrback(failed)

    def failed(f):
        run.done("ERROR " + f.getErrorMessage())

    threads.deferToThread(lambda: None).addCallback(step).addErrback(failed)


SHAPES = {"iteration": iteration, "threads": thread_trips}


def commands():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "shape":
            result = threading.Event()
            box = []

            def done(value):
                box.append(value)
                result.set()

            run = ShapeRun(int(words[2]) / 1000.0, int(words[3]) / 1000.0, done)
            reactor.callFromThread(SHAPES[words[1]], run)
            if not result.wait(int(words[2]) / 1000.0 + int(words[3]) / 1000.0 + 30):
                box.append("ERROR timed out")
            value = box[0]
            out = value if isinstance(value, str) else "RESULT %d %d" % value
            sys.stdout.write(out + "\n")
            sys.stdout.flush()
    reactor.callFromThread(reactor.stop)


def main():
    echo = Factory.forProtocol(Echo)
    echo.noisy = False
    lines = Factory.forProtocol(Lines)
    lines.noisy = False
    e = reactor.listenTCP(0, echo, backlog=1024, interface="127.0.0.1")
    l = reactor.listenTCP(0, lines, backlog=1024, interface="127.0.0.1")
    sys.stdout.write("READY %d %d\n" % (e.getHost().port, l.getHost().port))
    sys.stdout.flush()
    t = threading.Thread(target=commands, daemon=True)
    t.start()
    reactor.run(installSignalHandlers=False)


if __name__ == "__main__":
    main()
