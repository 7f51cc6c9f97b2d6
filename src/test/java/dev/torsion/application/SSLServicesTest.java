package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorSslClient;
import dev.torsion.internet.testing.MemoryReactorSslServer;
import java.net.InetSocketAddress;
import java.util.List;
import org.testng.annotations.Test;

public class SSLServicesTest {
  private static final ITLSConnectionCreator OPTIONS =
      CertificateOptions.builder().insecurelySkipPeerVerification().build();

  @Test
  public void sslServerListensWithListenSslWhenStartedAndStopsWhenStopped() {
    MemoryReactor reactor = new MemoryReactor();
    Factory factory = new Factory();
    SSLServer s = new SSLServer(reactor, 443, factory, OPTIONS, 10, "127.0.0.1");
    s.startService();
    assertTrue(s.running());
    assertEquals(reactor.sslServers(),
        List.of(new MemoryReactorSslServer(443, factory, OPTIONS, 10, "127.0.0.1")));
    assertTrue(reactor.tcpServers().isEmpty());
    assertNotNull(s.port());
    s.stopService();
    assertFalse(s.running());
    assertEquals(s.toString(), "<SSLServer port=443>");
  }

  @Test
  public void sslClientConnectsWithConnectSslAndDisconnectsWhenStopped() {
    MemoryReactor reactor = new MemoryReactor();
    ClientFactory factory = new ClientFactory();
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
    SSLClient c = new SSLClient(reactor, "127.0.0.1", 8443, factory, OPTIONS, 5, bind);
    c.startService();
    MemoryReactorSslClient rec = reactor.sslClients().get(0);
    assertEquals(rec, new MemoryReactorSslClient("127.0.0.1", 8443, factory, OPTIONS, 5, bind));
    FakeConnector connector = reactor.connectors().get(0);
    assertSame(c.connection(), connector);
    c.stopService();
    assertTrue(connector.stoppedConnecting() || connector.disconnected());
  }
}
