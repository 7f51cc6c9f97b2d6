package dev.torsion.it.runner;

import static org.testng.Assert.assertEquals;

import dev.torsion.it.ReactorBuilder;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * The {@code echo} and {@code portforward} plugins run by {@code twist} in child JVMs on the
 * reactor under test: a client talks to the echo server through the forwarder.
 */
public class TwistPluginsIT extends ReactorBuilder {
  private static final Duration START = Duration.ofSeconds(60);

  @Test
  public void echoThroughPortforward() throws Exception {
    buildReactor(); // skips, with its reason, a reactor this machine cannot run
    try (TwistProcess echo = TwistProcess.start("--reactor", reactorName(), "echo",
        "--listen", "tcp:0:interface=127.0.0.1")) {
      int echoPort = echo.awaitPort(START);
      try (TwistProcess forward = TwistProcess.start("--reactor", reactorName(), "portforward",
          "--listen", "tcp:0:interface=127.0.0.1", "--connect", "tcp:127.0.0.1:" + echoPort)) {
        int forwardPort = forward.awaitPort(START);
        try (LineClient direct = LineClient.connect(echoPort, 30_000, 0);
             LineClient relayed = LineClient.connect(forwardPort, 30_000, 0)) {
          direct.send("ping");
          assertEquals(direct.readLine(), "ping");
          String big = "z".repeat(60_000);
          relayed.send("through the forwarder");
          relayed.send(big);
          assertEquals(relayed.readLine(), "through the forwarder");
          assertEquals(relayed.readLine(), big);
        }
        forward.terminate();
        assertEquals(forward.waitFor(Duration.ofSeconds(20)), 0, forward.stderr());
      }
      echo.terminate();
      assertEquals(echo.waitFor(Duration.ofSeconds(20)), 0, echo.stderr());
    }
  }
}
