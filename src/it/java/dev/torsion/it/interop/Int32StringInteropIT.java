package dev.torsion.it.interop;

import dev.torsion.it.interop.StringPeers.Framing;

/**
 * Torsion's {@code Int32StringReceiver} against Twisted 22.4's, both directions, over loopback;
 * the tests are {@link StringReceiverInteropBase}'s.
 */
public class Int32StringInteropIT extends StringReceiverInteropBase {
  @Override
  Framing framing() {
    return Framing.INT32;
  }
}
