package dev.torsion.it.builder;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;

/** Twisted's {@code TCPTransportTestsBuilder}: transports from listenTCP and connectTCP. */
public class TCPTransportTestsBuilderIT extends TransportTestsBase {
  @Override
  protected Deferred<Connected> connectedClientAndServer(Reactor reactor, String iface) {
    MyServerFactory server = new MyServerFactory();
    MyClientFactory client = new MyClientFactory();
    IListeningPort port = reactor.listenTCP(0, server, iface);
    int portNumber = Addresses.portOf(port.getHost());
    Deferred<Connected> d = wire(reactor, server, client, portNumber);
    reactor.connectTCP(iface, portNumber, client);
    return d;
  }
}
