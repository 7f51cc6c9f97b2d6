package dev.torsion.it.support;

import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.testing.AccumulatingProtocol;

/**
 * Twisted's {@code MyHCProtocol}: an {@link AccumulatingProtocol} that also hears both
 * half-closes (and so is not closed by the peer's FIN).
 */
public class HalfCloseableProtocol extends AccumulatingProtocol implements IHalfCloseableProtocol {
  private boolean readHalfClosed;
  private boolean writeHalfClosed;

  /** A protocol with neither half closed. */
  public HalfCloseableProtocol() {}

  @Override
  public void readConnectionLost() {
    readHalfClosed = true;
  }

  @Override
  public void writeConnectionLost() {
    writeHalfClosed = true;
  }

  /**
   * Whether the peer closed its writing half (this side's reading half).
   *
   * @return true once {@code readConnectionLost} was called
   */
  public final boolean readHalfClosed() {
    return readHalfClosed;
  }

  /**
   * Whether this side's writing half is closed.
   *
   * @return true once {@code writeConnectionLost} was called
   */
  public final boolean writeHalfClosed() {
    return writeHalfClosed;
  }
}
