package dev.torsion.protocols.basic;

/**
 * A receiver of int8-prefixed strings: each string follows its length in
 * 1 byte, so strings of up to 255 bytes.
 * Override {@link #stringReceived}; the contract is {@link IntNStringReceiver}'s.
 *
 * @twisted twisted.protocols.basic.Int8StringReceiver
 */
public abstract class Int8StringReceiver extends IntNStringReceiver {
  /** For subclasses. */
  protected Int8StringReceiver() {
    super(1);
  }
}
