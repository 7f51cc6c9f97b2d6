package dev.torsion.it.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.it.ReactorBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** target/torsion.jar (built by the package phase, before this suite) runs on its own. */
  @Test
  public void thePackagedJarRunsStandalone() throws Exception {
    buildReactor();
    Path jar = Path.of(System.getProperty("basedir", System.getProperty("user.dir")),
        "target", "torsion.jar");
    assertTrue(Files.isRegularFile(jar), jar + " missing: ./mvnw package builds it");
    try (TwistProcess echo = TwistProcess.startJar(jar, "--reactor", reactorName(), "echo",
        "--listen", "tcp:0:interface=127.0.0.1")) {
      int port = echo.awaitPort(START);
      try (LineClient c = LineClient.connect(port, 30_000, 0)) {
        c.send("from the jar");
        assertEquals(c.readLine(), "from the jar");
      }
      echo.terminate();
      assertEquals(echo.waitFor(Duration.ofSeconds(20)), 0, echo.stderr());
    }
  }
}
