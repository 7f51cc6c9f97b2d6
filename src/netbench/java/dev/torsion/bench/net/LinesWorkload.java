package dev.torsion.bench.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lines: one connection streams 64-byte lines (63 bytes and {@code \n}) for a while, ends the
 * round with {@code END}, and checks that the count the server answers is the count sent. A
 * warm-up round, then the measured one; lines/s is the count over the time until the answer.
 */
final class LinesWorkload extends LoadLoop.Conn {
  private static final int LINE = 64;
  private static final int LINES_PER_BUFFER = 1024;
  private static final byte[] END = "END\n".getBytes(StandardCharsets.US_ASCII);

  private final ByteBuffer lines = ByteBuffer.allocateDirect(LINE * LINES_PER_BUFFER);
  private final ByteBuffer in = ByteBuffer.allocate(64);
  private final ByteBuffer end = ByteBuffer.allocateDirect(END.length);
  private long roundEnd;
  private long bytesSent;
  private boolean ending;
  private boolean answered;
  private long answer = -1;

  private LinesWorkload() {
    for (int i = 0; i < LINES_PER_BUFFER; i++) {
      for (int j = 0; j < LINE - 1; j++) {
        lines.put(i * LINE + j, (byte) ('A' + (i + j) % 26));
      }
      lines.put(i * LINE + LINE - 1, (byte) '\n');
    }
    end.put(END).flip();
  }

  private void startRound(long until) {
    roundEnd = until;
    bytesSent = 0;
    ending = false;
    answered = false;
    answer = -1;
    lines.clear();
    end.clear();
    in.clear();
    interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  @Override
  void ready(SelectionKey k) throws IOException {
    if (k.isReadable()) {
      readAnswer();
    }
    if (k.isValid() && k.isWritable()) {
      writeSome();
    }
  }

  private void writeSome() throws IOException {
    if (!ending) {
      if (System.nanoTime() >= roundEnd && lines.position() % LINE == 0) {
        ending = true;
      } else {
        if (System.nanoTime() >= roundEnd) {
          // Finish the line in progress, then END.
          lines.limit(lines.position() + LINE - lines.position() % LINE);
        }
        if (!lines.hasRemaining()) {
          lines.clear();
        }
        bytesSent += ch.write(lines);
        return;
      }
    }
    ch.write(end);
    if (!end.hasRemaining()) {
      interest(SelectionKey.OP_READ);
    }
  }

  private void readAnswer() throws IOException {
    if (ch.read(in) < 0) {
      throw new IOException("lines server closed the connection");
    }
    for (int i = 0; i < in.position(); i++) {
      if (in.get(i) == '\n') {
        String text = new String(in.array(), 0, i, StandardCharsets.US_ASCII).trim();
        answer = Long.parseLong(text);
        answered = true;
        if (i + 1 != in.position()) {
          throw new IllegalStateException("lines: unexpected bytes after the count");
        }
        in.clear();
        return;
      }
    }
    if (!in.hasRemaining()) {
      throw new IllegalStateException("lines: answer too long");
    }
  }

  private long finishRound(LoadLoop loop) throws IOException {
    loop.runUntil(roundEnd + 60_000_000_000L, () -> answered);
    if (!answered) {
      throw new IllegalStateException("lines: no count within 60 s of END");
    }
    long sent = bytesSent / LINE;
    if (answer != sent) {
      throw new IllegalStateException("lines: server counted " + answer + ", sent " + sent);
    }
    return sent;
  }

  static Map<String, Double> run(Workloads.Run run) throws IOException {
    try (LoadLoop loop = new LoadLoop(run.server())) {
      LinesWorkload c = new LinesWorkload();
      loop.connectNow(c, SelectionKey.OP_READ);
      c.startRound(System.nanoTime() + run.warmNanos());
      c.finishRound(loop);
      long cpu0 = run.cpuNanos().getAsLong();
      long t0 = System.nanoTime();
      c.startRound(t0 + run.measureNanos());
      long n = c.finishRound(loop);
      long t1 = System.nanoTime();
      long cpu1 = run.cpuNanos().getAsLong();
      return Map.of("lines.lps", n / ((t1 - t0) / 1e9),
          "lines.cpu", n == 0 ? Double.NaN : (double) (cpu1 - cpu0) / n);
    }
  }
}
