package dev.torsion.protocols.basic;

import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;

/**
 * Twisted's {@code _PauseableMixin}, shared by {@link LineReceiver} and
 * {@link IntNStringReceiver}: the protocol is a push producer whose pausing also stops the
 * delivery of messages already buffered, and whose resuming delivers them.
 */
abstract class PauseableProtocol extends Protocol implements IPushProducer {
  private static final byte[] NOTHING = new byte[0];
  private boolean paused;

  PauseableProtocol() {}

  /**
   * Whether delivery is paused by {@link #pauseProducing()} or {@link #stopProducing()}.
   *
   * @return true while paused
   * @twisted twisted.protocols.basic._PauseableMixin.paused
   */
  public final boolean paused() {
    return paused;
  }

  /**
   * Stops delivering messages and pauses the transport.
   *
   * @twisted twisted.protocols.basic._PauseableMixin.pauseProducing
   */
  @Override
  public void pauseProducing() {
    paused = true;
    transport().pauseProducing();
  }

  /**
   * Resumes the transport and delivers what was buffered while paused.
   *
   * @twisted twisted.protocols.basic._PauseableMixin.resumeProducing
   */
  @Override
  public void resumeProducing() {
    paused = false;
    transport().resumeProducing();
    // Parsing an empty chunk delivers whatever whole messages were held back.
    dataReceived(NOTHING);
  }

  /**
   * Stops delivering messages for good and stops the transport.
   *
   * @twisted twisted.protocols.basic._PauseableMixin.stopProducing
   */
  @Override
  public void stopProducing() {
    paused = true;
    transport().stopProducing();
  }
}
