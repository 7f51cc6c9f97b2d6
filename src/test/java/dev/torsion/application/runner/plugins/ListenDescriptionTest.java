package dev.torsion.application.runner.plugins;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.testing.MemoryReactor;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/** How the runner reads an {@code ssl:} {@code --listen} for {@code --self-signed}. */
public class ListenDescriptionTest {
  private final MemoryReactor reactor = new MemoryReactor();

  private ListenDescription.SslPort port(String description) {
    return ListenDescription.split(description).selfSignedPort(reactor);
  }

  private String error(String description) {
    return expectThrows(IllegalArgumentException.class, () -> port(description)).getMessage();
  }

  @Test
  public void splitsAsServerFromStringDoes() {
    ListenDescription d = ListenDescription.split("ssl:0:interface=\\:\\:1:backlog=7");
    assertEquals(d.prefix(), "ssl");
    assertEquals(d.args(), List.of("0"));
    assertEquals(d.kwargs(), Map.of("interface", "::1", "backlog", "7"));
    assertEquals(ListenDescription.split("tcp:a=b=c").kwargs(), Map.of("a", "b=c"));
    assertTrue(error("ssl:1\\").contains("trailing backslash"));
    assertTrue(error("ssl:port=1:port=2").contains("'port' given twice"));
  }

  @Test
  public void takesPortInterfaceAndBacklogByPositionOrName() {
    ListenDescription.SslPort p = port("ssl:8443");
    assertEquals(p.port(), 8443);
    assertEquals(p.iface(), "");
    assertEquals(p.backlog(), 50, "the ssl: parser's default");
    assertTrue(p.reactor() instanceof MemoryReactor);
    p = port("SSL:port=0:interface=127.0.0.1:backlog=5");
    assertEquals(List.of(p.port(), p.iface(), p.backlog()), List.of(0, "127.0.0.1", 5));
  }

  @Test
  public void knowsWhenKeyFilesAreNamed() {
    assertFalse(ListenDescription.split("ssl:8443:interface=\\:\\:1").namesKeyFiles());
    assertTrue(ListenDescription.split("ssl:8443:key.pem").namesKeyFiles());
    assertTrue(ListenDescription.split("ssl:8443:privateKey=k.pem").namesKeyFiles());
    assertTrue(ListenDescription.split("ssl:8443:certKey=c.pem").namesKeyFiles());
    assertTrue(ListenDescription.split("ssl:8443:extraCertChain=x.pem").namesKeyFiles());
  }

  @Test
  public void selfSignedNeedsAnSslDescriptionWithoutKeyFiles() {
    String tcp = error("tcp:8000");
    assertTrue(tcp.startsWith("--self-signed needs an ssl: endpoint"), tcp);
    assertTrue(tcp.contains("'tcp:8000'"), tcp);
    String keyed = error("ssl:8443:privateKey=server.pem");
    assertTrue(keyed.contains("names key files"), keyed);
    assertTrue(error("ssl:8443:server.pem").contains("names key files"));
  }

  @Test
  public void badValuesAreNamedInTheServerFromStringWording() {
    assertEquals(error("ssl:http"),
        "bad endpoint description 'ssl:http': port must be an integer, not 'http'");
    assertEquals(error("ssl:70000"),
        "bad endpoint description 'ssl:70000': port 70000 is out of range 0-65535");
    assertTrue(error("ssl:interface=\\:\\:1").endsWith("missing parameter 'port'"));
    assertTrue(error("ssl:1:backlog=-1").contains("backlog -1 is out of range"));
    assertTrue(error("ssl:1:sslmethod=TLSv1").contains("unknown parameter 'sslmethod'"));
    assertTrue(error("ssl:1:port=2").contains("'port' given twice"));
  }
}
