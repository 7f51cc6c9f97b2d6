package dev.torsion.it.tls;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.builder.ClosePeerOnEmfileMain;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The child JVM of Twisted's {@code assertPeerClosedOnEMFILE} for a {@code listenSSL} port:
 * with every descriptor in use, the TLS port must accept-and-close a waiting connection, and
 * the TLS client at the other end must hear its connection closed rather than wait for a
 * handshake that never comes. The scenario is {@link ClosePeerOnEmfileMain}'s, over TLS.
 * Prints {@code RESULT ok} and exits 0, or {@code RESULT fail: …} and exits 1.
 */
public final class TlsClosePeerOnEmfileMain {
  private TlsClosePeerOnEmfileMain() {}

  /**
   * Runs the scenario.
   *
   * @param args none
   * @throws IOException if the sockets cannot be set up
   */
  public static void main(String[] args) throws IOException {
    ClosePeerOnEmfileMain.run(new ClosePeerOnEmfileMain.Flavour() {
      @Override
      public IListeningPort listen(Reactor reactor, Factory factory) {
        return reactor.listenSSL(0, factory, TlsBadInputIT.CERT.options(), 50, TcpBuilder.V4);
      }

      @Override
      public void connect(Reactor reactor, int port, ClientFactory factory) {
        reactor.connectSSL(TcpBuilder.V4, port, factory, clientOptions());
      }

      @Override
      public Factory peerFactory(Reactor reactor, Supplier<Protocol> client) {
        ClientFactory app = new ClientFactory();
        app.setNoisy(false);
        app.setProtocol(client);
        return new TLSMemoryBIOFactory(clientOptions(), true, app, reactor);
      }
    });
  }

  private static ITLSConnectionCreator clientOptions() {
    return SSL.optionsForClientTLS(TcpBuilder.V4,
        SSL.trustRootFromCertificates(List.of(TlsBadInputIT.CERT)));
  }
}
