package dev.torsion.bench.net;

/**
 * One system under test, running in its own process: an echo port, a lines port, and the two
 * in-process shapes. {@link ServerMain} drives it from the orchestrator's commands.
 *
 * <p>The protocols every server speaks (Twisted's too, in src/netbench/python):
 * <ul>
 *   <li>echo port: every byte received is sent back;</li>
 *   <li>lines port: 64-byte lines ending in {@code \n} are counted; the line {@code END} makes
 *       the server answer the count so far as a decimal line and start counting again;</li>
 *   <li>TLS ports: the echo protocol under TLS, one port per certificate.</li>
 * </ul>
 */
interface BenchServer {
  /**
   * The echo port on 127.0.0.1.
   *
   * @return the port
   */
  int echoPort();

  /**
   * The lines port on 127.0.0.1.
   *
   * @return the port
   */
  int linesPort();

  /**
   * The TLS echo ports on 127.0.0.1 (the echo protocol under TLS 1.3 with AES-128-GCM only), one
   * per certificate kind of {@link TlsSetup#KINDS}, in that order: ECDSA P-256, then RSA-2048.
   *
   * @return the ports
   */
  int[] tlsPorts();

  /**
   * Runs a shape inside the server's event loop: {@code iteration} (a call scheduled for the
   * next loop turn, again and again) or {@code threads} (a thread-pool round trip, again and
   * again, one at a time).
   *
   * @param shape the shape's name
   * @param warmNanos how long to run it before measuring
   * @param measureNanos how long to measure
   * @return the round trips completed while measuring, and the process's CPU nanoseconds then
   * @throws Exception if it fails or takes far longer than asked
   */
  long[] shape(String shape, long warmNanos, long measureNanos) throws Exception;

  /** Stops the loop and releases everything. */
  void stop();
}
