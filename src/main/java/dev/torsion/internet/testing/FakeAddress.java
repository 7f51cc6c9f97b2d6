package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The address a {@link FakeTransport} reports for either end unless given one: it stands for
 * nowhere, and each is equal only to itself.
 *
 * @twisted twisted.test.iosim.FakeAddress
 */
public final class FakeAddress implements IAddress {
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private final int serial = SERIAL.incrementAndGet();

  /** A new address, distinct from every other. */
  public FakeAddress() {}

  @Override
  public String toString() {
    return "<FakeAddress #" + serial + ">";
  }
}
