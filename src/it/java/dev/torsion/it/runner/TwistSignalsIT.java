package dev.torsion.it.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.it.ReactorBuilder;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The {@code twist} runner as a process (a child JVM with this build's class path, on the
 * reactor under test): SIGTERM and SIGINT stop it cleanly with exit status 0, closing client
 * connections; a port in use exits 1; a bad command line exits 2 with one line.
 */
public class TwistSignalsIT extends ReactorBuilder {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(20);

  private void stopsCleanlyOn(boolean sigterm) throws Exception {
    buildReactor(); // skips, with its reason, a reactor this machine cannot run
    try (TwistProcess twist = TwistProcess.start("--reactor", reactorName(), "chat",
        "--listen", "tcp:0:interface=127.0.0.1")) {
      int port = twist.awaitPort(START);
      try (LineClient client = LineClient.connect(port, 30_000, 0)) {
        client.await("What's your name?");
        client.send("alice");
        client.await("Welcome, alice!*");
        long signalled = System.nanoTime();
        if (sigterm) {
          twist.terminate();
        } else {
          twist.interrupt();
        }
        assertNull(client.readLine(), "the server closed the connection");
        int status = twist.waitFor(STOP);
        long tookMs = (System.nanoTime() - signalled) / 1_000_000;
        String context = "stderr:\n" + twist.stderr() + "\nstdout:\n" + twist.stdout();
        assertEquals(status, 0, context);
        assertTrue(tookMs < STOP.toMillis(), "took " + tookMs + " ms; " + context);
        if (!sigterm) {
          // Process.destroy() also closes our ends of the child's pipes, so only the SIGINT
          // run can read what the runner logged while stopping.
          assertTrue(twist.stderr().contains("received SIGINT, shutting down"), context);
          assertTrue(twist.stderr().contains("Closed"), "the port closed; " + context);
        }
      }
    }
  }

  @Test
  public void sigtermStopsTheReactorAndExitsZero() throws Exception {
    stopsCleanlyOn(true);
  }

  @Test
  public void sigintStopsTheReactorAndExitsZero() throws Exception {
    stopsCleanlyOn(false);
  }

  @Test
  public void aPortInUseExitsOneWithOneLine() throws Exception {
    buildReactor();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      try (TwistProcess twist = TwistProcess.start("--reactor", reactorName(), "echo",
          "--listen", "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1")) {
        int status = twist.waitFor(START);
        List<String> lines = twist.stderrLines();
        assertEquals(status, 1, twist.stderr());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("twist echo: cannot start: "), last);
        assertTrue(last.contains(Integer.toString(taken.getLocalPort())), last);
      }
    }
  }

  @Test
  public void anUnknownReactorExitsTwoWithOneLineAndAHint() throws Exception {
    try (TwistProcess twist = TwistProcess.start("--reactor", "nosuchreactor", "chat")) {
      int status = twist.waitFor(START);
      assertEquals(status, 2, twist.stderr());
      assertEquals(twist.stderrLines().size(), 2, twist.stderr());
      assertTrue(twist.stderrLines().get(0).contains("'nosuchreactor'"), twist.stderr());
      assertTrue(twist.stderrLines().get(1).startsWith("Usage: twist"), twist.stderr());
      assertEquals(twist.stdout(), "");
    }
  }

  @Test
  public void anUnparsableEndpointExitsTwoWithOneLine() throws Exception {
    buildReactor();
    try (TwistProcess twist = TwistProcess.start("--reactor", reactorName(), "chat",
        "--listen", "carrier-pigeon:42")) {
      int status = twist.waitFor(START);
      assertEquals(status, 2, twist.stderr());
      assertEquals(twist.stderrLines().size(), 2, twist.stderr());
      assertTrue(twist.stderrLines().get(0).startsWith("twist chat: "), twist.stderr());
      assertTrue(twist.stderrLines().get(0).contains("carrier-pigeon"), twist.stderr());
    }
  }

  @Test
  public void jsonLogsAreOneObjectPerLine() throws Exception {
    buildReactor();
    try (TwistProcess twist = TwistProcess.start("--reactor", reactorName(), "--log-format",
        "json", "echo", "--listen", "tcp:0:interface=127.0.0.1")) {
      twist.awaitPort(START);
      twist.terminate();
      assertEquals(twist.waitFor(STOP), 0, twist.stderr());
      for (String line : twist.stderrLines()) {
        assertTrue(line.startsWith("{\"log_time\":") && line.endsWith("}"), line);
      }
      assertTrue(twist.stderr().contains("\"message\":\"echo listening on"), twist.stderr());
    }
  }
}
