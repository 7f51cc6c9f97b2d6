package dev.torsion.bench.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server process: {@code ServerMain SYSTEM}, where SYSTEM is {@code torsion:REACTOR} or
 * {@code netty:TRANSPORT}, and the directory of {@link TlsSetup}'s PEM files. Prints
 * {@code READY <echo port> <lines port> <TLS ECDSA port> <TLS RSA port>}, then answers each
 * command line on standard input: {@code shape NAME WARM_MS MEASURE_MS} with
 * {@code RESULT <round trips> <CPU ns>}, {@code quit} (or the end of input) by exiting.
 */
public final class ServerMain {
  private ServerMain() {}

  /**
   * Runs the server.
   *
   * @param args the system's name and the TLS files' directory
   * @throws Exception on failure to start
   */
  public static void main(String[] args) throws Exception {
    String system = args[0];
    java.nio.file.Path tls = java.nio.file.Path.of(args[1]);
    BenchServer server;
    if (system.startsWith("torsion:")) {
      server = TorsionServer.start(system.substring("torsion:".length()), tls);
    } else if (system.startsWith("netty:")) {
      server = NettyServer.start(system.substring("netty:".length()), tls);
    } else {
      throw new IllegalArgumentException("unknown system " + system);
    }
    int[] tlsPorts = server.tlsPorts();
    System.out.println("READY " + server.echoPort() + " " + server.linesPort() + " "
        + tlsPorts[0] + " " + tlsPorts[1]);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line;
    try {
      while ((line = in.readLine()) != null) {
        String[] w = line.trim().split("\\s+");
        if (w[0].equals("quit")) {
          break;
        }
        if (w[0].equals("shape")) {
          long warm = Long.parseLong(w[2]) * 1_000_000L;
          long measure = Long.parseLong(w[3]) * 1_000_000L;
          String answer;
          try {
            long[] r = server.shape(w[1], warm, measure);
            answer = "RESULT " + r[0] + " " + r[1];
          } catch (Exception e) {
            e.printStackTrace();
            answer = "ERROR " + e;
          }
          System.out.println(answer);
          System.out.flush();
        }
      }
    } finally {
      server.stop();
      // Non-daemon pool threads must not keep a finished server alive.
      System.exit(0);
    }
  }
}
