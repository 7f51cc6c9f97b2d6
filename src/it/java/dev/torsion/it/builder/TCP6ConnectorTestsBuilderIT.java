package dev.torsion.it.builder;

import org.testng.annotations.Test;

/** Twisted's {@code TCP6ConnectorTestsBuilder}: connectors over ::1. */
public class TCP6ConnectorTestsBuilderIT extends TcpConnectorTestsBase {
  @Override
  protected String iface() {
    return V6;
  }

  /** twisted.internet.test.test_tcp.TCP6ConnectorTestsBuilder_EPollReactorTests.test_connectorIdentity */
  @Test
  public void connectorIdentityTest() {
    connectorIdentity();
  }

  /** twisted.internet.test.test_tcp.TCP6ConnectorTestsBuilder_EPollReactorTests.test_reconnect */
  @Test
  public void reconnectTest() {
    reconnect();
  }

  /** twisted.internet.test.test_tcp.TCP6ConnectorTestsBuilder_EPollReactorTests.test_userFail */
  @Test
  public void userFailTest() {
    userFail();
  }
}
