package dev.torsion.bench.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngineResult;

/**
 * The TLS workloads (issue 5 §5): echo throughput through TLS 1.3 AES-128-GCM, and full
 * handshakes per second. The client is the JDK's SSLEngine in {@link TlsConn}, verifying the
 * server's certificate; every echoed byte is checked as in the plain echo.
 */
final class TlsWorkloads {
  /** Handshakes in flight: enough that the server never waits on one client round trip. */
  static final int HANDSHAKE_CONNECTIONS = 16;

  private TlsWorkloads() {}

  // ---- tls-echo: 4 connections, 64 KiB writes, at most 256 KiB in flight each ----

  private static final class Echo extends TlsConn {
    long sent;
    long received;

    @Override
    void ready(SelectionKey k) throws IOException {
      if (k.isReadable() && !readNet()) {
        throw new IOException("TLS echo server closed the connection");
      }
      drive();
    }

    @Override
    void received(ByteBuffer data) {
      int n = data.remaining();
      ByteBuffer want = Workloads.slice(Workloads.PATTERN,
          (int) (received % Workloads.PERIOD), n);
      if (data.mismatch(want) != -1) {
        throw new IllegalStateException("tls-echo: wrong bytes at offset " + received);
      }
      received += n;
    }

    @Override
    boolean produce() throws IOException {
      boolean any = false;
      while (true) {
        long room = Workloads.WINDOW - (sent - received);
        if (room <= 0 || !room()) {
          return any;
        }
        SSLEngineResult r = wrap(Workloads.slice(Workloads.PATTERN,
            (int) (sent % Workloads.PERIOD), (int) Math.min(Workloads.CHUNK, room)));
        if (r.bytesConsumed() == 0) {
          return any;
        }
        sent += r.bytesConsumed();
        any = true;
      }
    }

    @Override
    void handshakeDone() {
      // Data flows from the next produce().
    }
  }

  static Map<String, Double> echo(Workloads.Run run, SSLContext ctx) throws IOException {
    try (LoadLoop loop = new LoadLoop(run.server())) {
      List<Echo> conns = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Echo c = new Echo();
        loop.connectNow(c, SelectionKey.OP_READ);
        c.begin(TlsSetup.clientEngine(ctx));
        c.drive();
        conns.add(c);
      }
      long start = System.nanoTime();
      loop.runUntil(start + run.warmNanos(), () -> false);
      long bytes0 = conns.stream().mapToLong(c -> c.received).sum();
      long cpu0 = run.cpuNanos().getAsLong();
      long loop0 = run.loopCpuNanos().getAsLong();
      long t0 = System.nanoTime();
      loop.runUntil(t0 + run.measureNanos(), () -> false);
      long t1 = System.nanoTime();
      long cpu1 = run.cpuNanos().getAsLong();
      long loop1 = run.loopCpuNanos().getAsLong();
      long bytes = conns.stream().mapToLong(c -> c.received).sum() - bytes0;
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("tls-echo.mbps", bytes / 1e6 / ((t1 - t0) / 1e9));
      m.put("tls-echo.cpu", bytes == 0 ? Double.NaN : (cpu1 - cpu0) / 1e9 / (bytes / 1e9));
      m.put("tls-echo.loop", bytes == 0 || loop0 < 0 ? Double.NaN
          : (loop1 - loop0) / 1e9 / (bytes / 1e9));
      return m;
    }
  }

  // ---- tls-handshake: connect, full TLS 1.3 handshake, close_notify, close; 16 in flight ----

  private static final class Handshake extends TlsConn {
    final LoadLoop loop;
    final SSLContext ctx;
    final long[] completed;

    Handshake(LoadLoop loop, SSLContext ctx, long[] completed) {
      this.loop = loop;
      this.ctx = ctx;
      this.completed = completed;
    }

    void open() throws IOException {
      loop.connect(this, SelectionKey.OP_READ);
      if (ch.isConnected()) {
        begin(TlsSetup.clientEngine(ctx));
        drive();
      }
    }

    @Override
    void ready(SelectionKey k) throws IOException {
      if (k.isConnectable()) {
        if (ch.finishConnect()) {
          begin(TlsSetup.clientEngine(ctx));
          drive();
        }
        return;
      }
      if (draining) {
        if (drainStep(k.isReadable())) {
          close();
          open();
        }
        return;
      }
      if (k.isReadable() && !readNet()) {
        throw new IOException("TLS server closed the connection during the handshake");
      }
      drive();
    }

    @Override
    void received(ByteBuffer data) {
      throw new IllegalStateException("tls-handshake: the server sent application data");
    }

    @Override
    void handshakeDone() throws IOException {
      completed[0]++;
      closeAndDrain();
    }
  }

  static Map<String, Double> handshake(Workloads.Run run, SSLContext ctx, String name)
      throws IOException {
    long[] completed = {0};
    long verified0 = TlsSetup.verifications;
    try (LoadLoop loop = new LoadLoop(run.server())) {
      for (int i = 0; i < HANDSHAKE_CONNECTIONS; i++) {
        new Handshake(loop, ctx, completed).open();
      }
      long start = System.nanoTime();
      loop.runUntil(start + run.warmNanos(), () -> false);
      long c0 = completed[0];
      long cpu0 = run.cpuNanos().getAsLong();
      long loop0 = run.loopCpuNanos().getAsLong();
      long t0 = System.nanoTime();
      loop.runUntil(t0 + run.measureNanos(), () -> false);
      long t1 = System.nanoTime();
      long cpu1 = run.cpuNanos().getAsLong();
      long loop1 = run.loopCpuNanos().getAsLong();
      long n = completed[0] - c0;
      if (TlsSetup.verifications - verified0 < completed[0]) {
        throw new IllegalStateException(name + ": " + completed[0] + " handshakes but only "
            + (TlsSetup.verifications - verified0) + " certificate checks: some were resumed");
      }
      return Map.of(name + ".hps", n / ((t1 - t0) / 1e9),
          name + ".cpu", n == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / n,
          name + ".loop", n == 0 || loop0 < 0 ? Double.NaN : (loop1 - loop0) / 1e3 / n);
    }
  }
}
