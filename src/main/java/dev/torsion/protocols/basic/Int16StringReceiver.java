package dev.torsion.protocols.basic;

/**
 * A receiver of int16-prefixed strings: each string follows its length in
 * 2 bytes, big-endian, so strings of up to 65535 bytes.
 * Override {@link #stringReceived}; the contract is {@link IntNStringReceiver}'s.
 *
 * @twisted twisted.protocols.basic.Int16StringReceiver
 */
public abstract class Int16StringReceiver extends IntNStringReceiver {
  /** For subclasses. */
  protected Int16StringReceiver() {
    super(2);
  }
}
