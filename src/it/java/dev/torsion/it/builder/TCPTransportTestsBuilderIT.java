package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpFixtures.MyClientFactory;
import dev.torsion.it.builder.TcpFixtures.MyServerFactory;
import org.testng.annotations.Test;

/** Twisted's {@code TCPTransportTestsBuilder}: transports from listenTCP and connectTCP. */
public class TCPTransportTestsBuilderIT extends TransportTestsBase {
  @Override
  protected Deferred<Connected> connectedClientAndServer(Reactor reactor, String iface) {
    MyServerFactory server = new MyServerFactory();
    MyClientFactory client = new MyClientFactory();
    IListeningPort port = reactor.listenTCP(0, server, iface);
    int portNumber = TcpFixtures.portOf(port.getHost());
    Deferred<Connected> d = wire(reactor, server, client, portNumber);
    reactor.connectTCP(iface, portNumber, client);
    return d;
  }

  /** twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_serverAddressTCP4 */
  @Test
  public void serverAddressTCP4() {
    serverAddress(V4, IPv4Address.class);
  }

  /** twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_serverAddressTCP6 */
  @Test
  public void serverAddressTCP6() {
    serverAddress(V6, IPv6Address.class);
  }

  /** twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_writeSequeceWithoutWrite */
  @Test
  public void writeSequeceWithoutWrite() {
    writeSequenceWithoutWrite();
  }

  /** twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_streamingProducer */
  @Test
  public void streamingProducerTest() {
    streamingProducer();
  }

  /** twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_nonStreamingProducer */
  @Test
  public void nonStreamingProducerTest() {
    nonStreamingProducer();
  }
}
