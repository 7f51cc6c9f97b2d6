package dev.torsion.it.builder;

/** Twisted's {@code TCP6ConnectorTestsBuilder}: connectors over ::1. */
public class TCP6ConnectorTestsBuilderIT extends TcpConnectorTestsBase {
  @Override
  protected String iface() {
    return V6;
  }
}
