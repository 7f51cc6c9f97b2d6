package dev.torsion.it.builder;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.Reactor;

/**
 * Twisted's {@code TCPPortTestsBuilder}: ports opened by {@code listenTCP}.
 */
public class TCPPortTestsBuilderIT extends TcpPortTestsBase {
  @Override
  protected IListeningPort getListeningPort(Reactor reactor, IProtocolFactory factory, int port,
      String iface) {
    return reactor.listenTCP(port, factory, iface);
  }

  @Override
  protected boolean adopting() {
    return false;
  }
}
