package dev.torsion.it.builder;

import org.testng.annotations.Test;

/** Twisted's {@code TCP4ConnectorTestsBuilder}: connectors over 127.0.0.1. */
public class TCP4ConnectorTestsBuilderIT extends TcpConnectorTestsBase {
  @Override
  protected String iface() {
    return V4;
  }

  /** twisted.internet.test.test_tcp.TCP4ConnectorTestsBuilder_EPollReactorTests.test_connectorIdentity */
  @Test
  public void connectorIdentityTest() {
    connectorIdentity();
  }

  /** twisted.internet.test.test_tcp.TCP4ConnectorTestsBuilder_EPollReactorTests.test_reconnect */
  @Test
  public void reconnectTest() {
    reconnect();
  }

  /** twisted.internet.test.test_tcp.TCP4ConnectorTestsBuilder_EPollReactorTests.test_userFail */
  @Test
  public void userFailTest() {
    userFail();
  }
}
