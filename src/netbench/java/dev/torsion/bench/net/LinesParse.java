package dev.torsion.bench.net;

import dev.torsion.internet.testing.StringTransport;
import java.nio.charset.StandardCharsets;

/**
 * The lines parser alone, without sockets: 64 KiB chunks of 64-byte lines through the lines
 * server's {@code LineOnlyReceiver}, cut at the same offsets a socket read would cut them.
 * Prints ns per line; for profiling the parser apart from the network (bench/net measures the
 * whole path). {@code LinesParse [seconds]}.
 */
public final class LinesParse {
  private LinesParse() {}

  /**
   * Runs it.
   *
   * @param args the seconds to run each of five rounds (default 2)
   */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    byte[] stream = new byte[64 * 1024 * 65];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = (byte) (i % 64 == 63 ? '\n' : 'A' + (i / 64 + i % 64) % 26);
    }
    int chunk = 65536 - 40;
    TorsionServer.Lines p = new TorsionServer.Lines();
    p.makeConnection(new StringTransport());
    for (int round = 0; round < 5; round++) {
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory
          .getThreadMXBean();
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long end = t0 + (long) (seconds * 1e9);
      int off = 0;
      while (System.nanoTime() < end) {
        for (int k = 0; k < 64; k++) {
          if (off + chunk > stream.length) {
            off = 0;
            // Realign to a line boundary (the stream is whole lines) so the count stays exact.
            p.dataReceived("\n".getBytes(StandardCharsets.US_ASCII));
          }
          byte[] data = new byte[chunk];
          System.arraycopy(stream, off, data, 0, chunk);
          p.dataReceived(data);
          off += chunk;
        }
      }
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      p.dataReceived("\nEND\n".getBytes(StandardCharsets.US_ASCII));
      System.out.println("round " + round + ": " + p.lastCount() + " lines, "
          + String.format("%.1f ns/line, %.1f CPU-ns/line", (t1 - t0) / (double) p.lastCount(),
          (c1 - c0) / (double) p.lastCount()));
    }
  }
}
