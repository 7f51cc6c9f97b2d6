package dev.torsion.protocols.basic;

/**
 * A receiver of int32-prefixed strings: each string follows its length in
 * 4 bytes, big-endian.
 * Override {@link #stringReceived}; the contract is {@link IntNStringReceiver}'s.
 *
 * @twisted twisted.protocols.basic.Int32StringReceiver
 */
public abstract class Int32StringReceiver extends IntNStringReceiver {
  /** For subclasses. */
  protected Int32StringReceiver() {
    super(4);
  }
}
