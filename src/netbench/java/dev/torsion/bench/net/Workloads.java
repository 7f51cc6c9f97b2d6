package dev.torsion.bench.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The network workloads: each connects to one server, warms up, measures, verifies every byte
 * it gets back, and returns its figures by metric name.
 */
final class Workloads {
  /** The period of the echo byte pattern: a prime, so chunks never line up with it. */
  static final int PERIOD = 251;
  static final int CHUNK = 64 * 1024;
  static final int WINDOW = 256 * 1024;
  static final ByteBuffer PATTERN = pattern();

  private Workloads() {}

  /**
   * How long to warm up and to measure, and how to read the server's CPU time: all threads, and
   * its event-loop thread alone (-1 when it cannot be found).
   */
  record Run(InetSocketAddress server, long warmNanos, long measureNanos, LongSupplier cpuNanos,
      LongSupplier loopCpuNanos) {
    Run(InetSocketAddress server, long warmNanos, long measureNanos, LongSupplier cpuNanos) {
      this(server, warmNanos, measureNanos, cpuNanos, () -> -1);
    }
  }

  private static ByteBuffer pattern() {
    ByteBuffer b = ByteBuffer.allocateDirect(CHUNK + PERIOD);
    for (int i = 0; i < b.capacity(); i++) {
      b.put(i, (byte) (i % PERIOD));
    }
    return b;
  }

  static ByteBuffer slice(ByteBuffer b, int from, int len) {
    return b.duplicate().position(from).limit(from + len);
  }

  // ---- echo throughput: 4 connections, 64 KiB chunks, at most 256 KiB in flight each ----

  private static final class EchoConn extends LoadLoop.Conn {
    final ByteBuffer in = ByteBuffer.allocateDirect(CHUNK);
    long sent;
    long received;

    @Override
    void ready(SelectionKey k) throws IOException {
      if (k.isReadable()) {
        in.clear();
        int n = ch.read(in);
        if (n < 0) {
          throw new IOException("echo server closed the connection");
        }
        in.flip();
        if (n > 0 && in.mismatch(slice(PATTERN, (int) (received % PERIOD), n)) != -1) {
          throw new IllegalStateException("echo: wrong bytes at offset " + received);
        }
        received += n;
      }
      long room = WINDOW - (sent - received);
      if (room > 0 && k.isValid() && (k.isWritable() || k.isReadable())) {
        int len = (int) Math.min(CHUNK, room);
        sent += ch.write(slice(PATTERN, (int) (sent % PERIOD), len));
      }
      interest(SelectionKey.OP_READ | (WINDOW - (sent - received) > 0 ? SelectionKey.OP_WRITE : 0));
    }
  }

  static Map<String, Double> echo(Run run) throws IOException {
    try (LoadLoop loop = new LoadLoop(run.server())) {
      List<EchoConn> conns = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        EchoConn c = new EchoConn();
        loop.connectNow(c, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        conns.add(c);
      }
      long start = System.nanoTime();
      loop.runUntil(start + run.warmNanos(), () -> false);
      long bytes0 = conns.stream().mapToLong(c -> c.received).sum();
      long cpu0 = run.cpuNanos().getAsLong();
      long t0 = System.nanoTime();
      loop.runUntil(t0 + run.measureNanos(), () -> false);
      long t1 = System.nanoTime();
      long cpu1 = run.cpuNanos().getAsLong();
      long bytes = conns.stream().mapToLong(c -> c.received).sum() - bytes0;
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("echo.mbps", bytes / 1e6 / ((t1 - t0) / 1e9));
      m.put("echo.cpu", bytes == 0 ? Double.NaN : (cpu1 - cpu0) / 1e9 / (bytes / 1e9));
      return m;
    }
  }

  // ---- request/response: 64-byte requests, one outstanding per connection ----

  private static final class RrConn extends LoadLoop.Conn {
    final ByteBuffer req = ByteBuffer.allocateDirect(64);
    final ByteBuffer resp = ByteBuffer.allocateDirect(64);
    final Histogram hist;
    final boolean[] measuring;
    long seq;
    long sentAt;
    long done;

    RrConn(Histogram hist, boolean[] measuring, int id) {
      this.hist = hist;
      this.measuring = measuring;
      for (int i = 0; i < 64; i++) {
        req.put(i, (byte) (i * 7 + id));
      }
    }

    void send() throws IOException {
      seq++;
      req.putLong(0, seq);
      req.clear();
      sentAt = System.nanoTime();
      ch.write(req);
      interest(req.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
          : SelectionKey.OP_READ);
    }

    @Override
    void ready(SelectionKey k) throws IOException {
      if (k.isWritable() && req.hasRemaining()) {
        ch.write(req);
        interest(req.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
            : SelectionKey.OP_READ);
      }
      if (k.isValid() && k.isReadable()) {
        if (ch.read(resp) < 0) {
          throw new IOException("request/response server closed the connection");
        }
        if (!resp.hasRemaining()) {
          long now = System.nanoTime();
          resp.flip();
          if (resp.mismatch(req.duplicate().clear()) != -1) {
            throw new IllegalStateException("request/response: wrong reply to request " + seq);
          }
          resp.clear();
          if (measuring[0]) {
            hist.recordValue(Math.min(now - sentAt, hist.getHighestTrackableValue()));
            done++;
          }
          send();
        }
      }
    }
  }

  static Map<String, Double> requestResponse(Run run, int connections) throws IOException {
    Histogram hist = new Histogram(60_000_000_000L, 3);
    boolean[] measuring = {false};
    try (LoadLoop loop = new LoadLoop(run.server())) {
      List<RrConn> conns = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        RrConn c = new RrConn(hist, measuring, i);
        loop.connectNow(c, SelectionKey.OP_READ);
        conns.add(c);
      }
      for (RrConn c : conns) {
        c.send();
      }
      long start = System.nanoTime();
      loop.runUntil(start + run.warmNanos(), () -> false);
      measuring[0] = true;
      long cpu0 = run.cpuNanos().getAsLong();
      long t0 = System.nanoTime();
      loop.runUntil(t0 + run.measureNanos(), () -> false);
      long t1 = System.nanoTime();
      long cpu1 = run.cpuNanos().getAsLong();
      measuring[0] = false;
      long n = conns.stream().mapToLong(c -> c.done).sum();
      String p = "rr" + connections;
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(p + ".rps", n / ((t1 - t0) / 1e9));
      m.put(p + ".p50", hist.getValueAtPercentile(50) / 1e3);
      m.put(p + ".p99", hist.getValueAtPercentile(99) / 1e3);
      m.put(p + ".cpu", n == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / n);
      return m;
    }
  }

  // ---- accept rate: connect, echo 16 bytes, close; 16 connections in flight ----

  private static final class AcceptConn extends LoadLoop.Conn {
    final LoadLoop loop;
    final ByteBuffer out = slice(PATTERN, 0, 16);
    final ByteBuffer in = ByteBuffer.allocateDirect(16);
    final long[] completed;

    AcceptConn(LoadLoop loop, long[] completed) {
      this.loop = loop;
      this.completed = completed;
    }

    void open() throws IOException {
      out.clear();
      in.clear();
      loop.connect(this, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    @Override
    void ready(SelectionKey k) throws IOException {
      if (k.isConnectable()) {
        ch.finishConnect();
        interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return;
      }
      if (k.isWritable() && out.hasRemaining()) {
        ch.write(out);
        interest(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
            : SelectionKey.OP_READ);
      }
      if (k.isValid() && k.isReadable()) {
        if (ch.read(in) < 0) {
          throw new IOException("accept: server closed before echoing");
        }
        if (!in.hasRemaining()) {
          in.flip();
          if (in.mismatch(slice(PATTERN, 0, 16)) != -1) {
            throw new IllegalStateException("accept: wrong echo");
          }
          close();
          completed[0]++;
          open();
        }
      }
    }
  }

  static Map<String, Double> accept(Run run) throws IOException {
    long[] completed = {0};
    try (LoadLoop loop = new LoadLoop(run.server())) {
      for (int i = 0; i < 16; i++) {
        new AcceptConn(loop, completed).open();
      }
      long start = System.nanoTime();
      loop.runUntil(start + run.warmNanos(), () -> false);
      long c0 = completed[0];
      long cpu0 = run.cpuNanos().getAsLong();
      long t0 = System.nanoTime();
      loop.runUntil(t0 + run.measureNanos(), () -> false);
      long t1 = System.nanoTime();
      long cpu1 = run.cpuNanos().getAsLong();
      long n = completed[0] - c0;
      return Map.of("accept.cps", n / ((t1 - t0) / 1e9),
          "accept.cpu", n == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / n);
    }
  }

  static Map<String, Double> lines(Run run) throws IOException {
    return LinesWorkload.run(run);
  }
}
