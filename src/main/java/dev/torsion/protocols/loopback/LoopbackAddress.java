package dev.torsion.protocols.loopback;

import dev.torsion.internet.interfaces.IAddress;

/** The address of both ends of an in-memory loopback connection: it carries nothing. */
final class LoopbackAddress implements IAddress {
  static final LoopbackAddress INSTANCE = new LoopbackAddress();

  private LoopbackAddress() {}

  @Override
  public String toString() {
    return "_LoopbackAddress()";
  }
}
