package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import org.testng.annotations.Test;

/** Twisted's {@code TCP6ClientTestsBuilder}: {@code connectTCP} over ::1. */
public class TCP6ClientTestsBuilderIT extends TcpClientTestsBase {
  @Override
  protected String iface() {
    return V6;
  }

  @Override
  protected String fakeDomainName() {
    return V6;
  }

  @Override
  protected IAddress address(String host, int port) {
    return new IPv6Address("TCP", host, port);
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_addresses */
  @Test
  public void addressesTest() {
    addresses();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_buildProtocolReturnsNone */
  @Test
  public void buildProtocolReturnsNoneTest() {
    buildProtocolReturnsNone();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_clientConnectionFailedStopsReactor */
  @Test
  public void clientConnectionFailedStopsReactorTest() {
    clientConnectionFailedStopsReactor();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_connectEvent */
  @Test
  public void connectEventTest() {
    connectEvent();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_disconnectWhileProducing */
  @Test
  public void disconnectWhileProducingTest() {
    disconnectWhileProducing();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_interface */
  @Test
  public void interfaceReturnsConnectorTest() {
    interfaceTest();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_logPrefix */
  @Test
  public void logPrefixTest() {
    logPrefix();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_protocolGarbageAfterLostConnection */
  @Test
  public void protocolGarbageAfterLostConnectionTest() {
    protocolGarbageAfterLostConnection();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_unregisterProducerAfterDisconnect */
  @Test
  public void unregisterProducerAfterDisconnectTest() {
    unregisterProducerAfterDisconnect();
  }

  /** twisted.internet.test.test_tcp.TCP6ClientTestsBuilder_EPollReactorTests.test_writeAfterDisconnect */
  @Test
  public void writeAfterDisconnectTest() {
    writeAfterDisconnect();
  }
}
