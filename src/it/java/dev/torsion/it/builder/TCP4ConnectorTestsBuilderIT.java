package dev.torsion.it.builder;

/** Twisted's {@code TCP4ConnectorTestsBuilder}: connectors over 127.0.0.1. */
public class TCP4ConnectorTestsBuilderIT extends TcpConnectorTestsBase {
  @Override
  protected String iface() {
    return V4;
  }
}
