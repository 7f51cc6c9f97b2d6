package dev.torsion.bench.net;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.threads.Threads;
import dev.torsion.protocols.basic.LineOnlyReceiver;
import java.nio.charset.StandardCharsets;

/** Torsion on the reactor named, with the protocols a Twisted user would write. */
final class TorsionServer implements BenchServer {
  private static final byte[] NL = {'\n'};
  private static final byte[] END = "END".getBytes(StandardCharsets.US_ASCII);

  private final Reactor reactor;
  private final int echoPort;
  private final int linesPort;
  private final int[] tlsPorts;
  private final Thread loop;

  /** Twisted's Echo. */
  static final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }

  /** Counts lines; {@code END} answers the count. */
  static final class Lines extends LineOnlyReceiver {
    private long count;
    private long lastCount;

    Lines() {
      setDelimiter(NL);
    }

    @Override
    public void lineReceived(byte[] line) {
      if (java.util.Arrays.equals(line, END)) {
        sendLine(Long.toString(count).getBytes(StandardCharsets.US_ASCII));
        lastCount = count;
        count = 0;
      } else {
        count++;
      }
    }

    long lastCount() {
      return lastCount;
    }
  }

  private TorsionServer(Reactor reactor, java.nio.file.Path tls) throws java.io.IOException {
    this.reactor = reactor;
    Factory echo = Factory.forProtocol(Echo::new);
    echo.setNoisy(false);
    Factory lines = Factory.forProtocol(Lines::new);
    lines.setNoisy(false);
    IListeningPort e = reactor.listenTCP(0, echo, 1024, "127.0.0.1");
    IListeningPort l = reactor.listenTCP(0, lines, 1024, "127.0.0.1");
    echoPort = ((IPv4Address) e.getHost()).port();
    linesPort = ((IPv4Address) l.getHost()).port();
    // TLS through listenSSL: the TLSMemoryBIOFactory wrapper over this reactor's TCP.
    tlsPorts = new int[TlsSetup.KINDS.size()];
    for (int i = 0; i < tlsPorts.length; i++) {
      IListeningPort t = reactor.listenSSL(0, echo, TlsSetup.torsionOptions(tls,
          TlsSetup.KINDS.get(i)), 1024, "127.0.0.1");
      tlsPorts[i] = ((IPv4Address) t.getHost()).port();
    }
    loop = new Thread(reactor::run, "torsion-reactor");
  }

  static TorsionServer start(String reactorName, java.nio.file.Path tls)
      throws java.io.IOException {
    TorsionServer s = new TorsionServer(Reactors.install(reactorName), tls);
    s.loop.start();
    return s;
  }

  @Override
  public int echoPort() {
    return echoPort;
  }

  @Override
  public int linesPort() {
    return linesPort;
  }

  @Override
  public int[] tlsPorts() {
    return tlsPorts.clone();
  }

  @Override
  public long[] shape(String shape, long warmNanos, long measureNanos) throws Exception {
    ShapeRun run = new ShapeRun(warmNanos, measureNanos);
    switch (shape) {
      case "iteration" -> reactor.callFromThread(new Iteration(run));
      case "threads" -> reactor.callFromThread(new ThreadTrip(run));
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    }
    long count = run.await(measureNanos, warmNanos);
    return new long[] {count, run.cpu};
  }

  /** callLater(0) round trips: each call schedules the next. */
  private final class Iteration implements Runnable {
    private final ShapeRun run;

    Iteration(ShapeRun run) {
      this.run = run;
    }

    @Override
    public void run() {
      if (run.tick()) {
        reactor.callLater(0, this);
      }
    }
  }

  /** deferToThread round trips, one at a time. */
  private final class ThreadTrip implements Runnable {
    private final ShapeRun run;

    ThreadTrip(ShapeRun run) {
      this.run = run;
    }

    @Override
    public void run() {
      Deferred<Object> d = Threads.deferToThread(reactor, () -> null);
      d.addCallback(ignored -> {
        if (run.tick()) {
          run();
        }
        return null;
      }).addErrback(f -> {
        run.fail(f.value());
        return null;
      });
    }
  }

  @Override
  public void stop() {
    reactor.callFromThread(reactor::stop);
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
