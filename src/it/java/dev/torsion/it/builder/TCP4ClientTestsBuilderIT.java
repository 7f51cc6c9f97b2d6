package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IAddress;
import org.testng.annotations.Test;

/** Twisted's {@code TCP4ClientTestsBuilder}: {@code connectTCP} over 127.0.0.1. */
public class TCP4ClientTestsBuilderIT extends TcpClientTestsBase {
  @Override
  protected String iface() {
    return V4;
  }

  @Override
  protected String fakeDomainName() {
    return "some-fake.domain.example.com";
  }

  @Override
  protected IAddress address(String host, int port) {
    return new IPv4Address("TCP", host, port);
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_addresses */
  @Test
  public void addressesTest() {
    addresses();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_buildProtocolReturnsNone */
  @Test
  public void buildProtocolReturnsNoneTest() {
    buildProtocolReturnsNone();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_clientConnectionFailedStopsReactor */
  @Test
  public void clientConnectionFailedStopsReactorTest() {
    clientConnectionFailedStopsReactor();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_connectEvent */
  @Test
  public void connectEventTest() {
    connectEvent();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_disconnectWhileProducing */
  @Test
  public void disconnectWhileProducingTest() {
    disconnectWhileProducing();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_interface */
  @Test
  public void interfaceReturnsConnectorTest() {
    interfaceTest();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_logPrefix */
  @Test
  public void logPrefixTest() {
    logPrefix();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_protocolGarbageAfterLostConnection */
  @Test
  public void protocolGarbageAfterLostConnectionTest() {
    protocolGarbageAfterLostConnection();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_unregisterProducerAfterDisconnect */
  @Test
  public void unregisterProducerAfterDisconnectTest() {
    unregisterProducerAfterDisconnect();
  }

  /** twisted.internet.test.test_tcp.TCP4ClientTestsBuilder_EPollReactorTests.test_writeAfterDisconnect */
  @Test
  public void writeAfterDisconnectTest() {
    writeAfterDisconnect();
  }
}
