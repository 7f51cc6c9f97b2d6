package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;

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
}
