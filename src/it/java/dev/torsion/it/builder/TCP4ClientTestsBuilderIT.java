package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IAddress;

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
}
