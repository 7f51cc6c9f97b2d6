"""The Twisted 22.4 server of the network benchmark (bench/net), on the epoll reactor.

Speaks what the Java servers speak (dev.torsion.bench.net.BenchServer): an echo port, a lines
port (64-byte lines ending in \\n are counted; the line END answers the count), the echo protocol
under TLS on two more ports (ECDSA P-256, then RSA-2048: KIND.crt and KIND.key in the directory
given as the first argument; listenSSL with a pyOpenSSL context restricted to TLS 1.3 and
TLS_AES_128_GCM_SHA256, no session tickets or session cache), and the commands on standard input:
"shape NAME WARM_MS MEASURE_MS" answered by "RESULT <round trips> <CPU ns>", and "quit".
"""
import sys
import threading
import time

from twisted.internet import epollreactor

epollreactor.install()

from twisted.internet import reactor, threads  # noqa: E402
from twisted.internet.protocol import Factory, Protocol  # noqa: E402
from twisted.protocols.basic import LineOnlyReceiver  # noqa: E402
from OpenSSL import SSL  # noqa: E402
from OpenSSL._util import lib as _lib  # noqa: E402


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


class TLSContextFactory:
    """A pyOpenSSL context as a Twisted user would hand to listenSSL: TLS 1.3 only, one suite.

    pyOpenSSL 23.0 has no set_ciphersuites, so the TLS 1.3 suite list goes through OpenSSL's
    SSL_CTX_set_ciphersuites in the binding pyOpenSSL itself uses.
    """

    def __init__(self, directory, kind):
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_min_proto_version(SSL.TLS1_3_VERSION)
        ctx.use_certificate_file("%s/%s.crt" % (directory, kind))
        ctx.use_privatekey_file("%s/%s.key" % (directory, kind))
        ctx.check_privatekey()
        if _lib.SSL_CTX_set_ciphersuites(ctx._context, b"TLS_AES_128_GCM_SHA256") != 1:
            raise RuntimeError("OpenSSL refused the TLS 1.3 suite list")
        # Full handshakes only: no tickets to resume with, no session cache.
        ctx.set_options(SSL.OP_NO_TICKET)
        ctx.set_session_cache_mode(SSL.SESS_CACHE_OFF)
        if hasattr(_lib, "SSL_CTX_set_num_tickets"):
            _lib.SSL_CTX_set_num_tickets(ctx._context, 0)
        self._context = ctx

    def getContext(self):
        return self._context


def main():
    echo = Factory.forProtocol(Echo)
    echo.noisy = False
    lines = Factory.forProtocol(Lines)
    lines.noisy = False
    e = reactor.listenTCP(0, echo, backlog=1024, interface="127.0.0.1")
    l = reactor.listenTCP(0, lines, backlog=1024, interface="127.0.0.1")
    tls = [
        reactor.listenSSL(0, echo, TLSContextFactory(sys.argv[1], kind), backlog=1024,
                          interface="127.0.0.1").getHost().port
        for kind in ("ecdsa", "rsa")
    ]
    ports = (e.getHost().port, l.getHost().port, tls[0], tls[1])
    sys.stdout.write("READY %d %d %d %d\n" % ports)
    sys.stdout.flush()
    t = threading.Thread(target=commands, daemon=True)
    t.start()
    reactor.run(installSignalHandlers=False)


if __name__ == "__main__":
    main()
