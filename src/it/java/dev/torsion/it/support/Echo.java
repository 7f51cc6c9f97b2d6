package dev.torsion.it.support;

import dev.torsion.internet.protocol.Protocol;

/** Twisted's {@code twisted.protocols.wire.Echo}: writes back whatever it receives. */
public final class Echo extends Protocol {
  /** An echo protocol, not yet connected. */
  public Echo() {}

  @Override
  public void dataReceived(byte[] data) {
    transport().write(data);
  }
}
