package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IPushProducer;
import org.jspecify.annotations.Nullable;

/**
 * The wrapper a {@link ThrottlingFactory} puts around each protocol: it counts the bytes read
 * and written into the factory's per-second totals, and pauses or resumes reading (the real
 * transport) and writing (the producer registered through it) when the factory says so.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Only a push producer ({@link IPushProducer}) is paused
 * to throttle writes; Twisted would call {@code pauseProducing} on a pull producer too and fail.
 * Built only by {@link ThrottlingFactory}.
 *
 * @twisted twisted.protocols.policies.ThrottlingProtocol
 */
public final class ThrottlingProtocol extends ProtocolWrapper {
  private final ThrottlingFactory throttlingFactory;
  private @Nullable IProducer producer;

  ThrottlingProtocol(ThrottlingFactory factory, IProtocol wrappedProtocol) {
    super(factory, wrappedProtocol);
    this.throttlingFactory = factory;
  }

  @Override
  public void write(byte[] data) {
    throttlingFactory.registerWritten(data.length);
    super.write(data);
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    long total = 0;
    for (byte[] piece : data) {
      total += piece.length;
    }
    throttlingFactory.registerWritten(total);
    super.writeSequence(data);
  }

  @Override
  public void dataReceived(byte[] data) {
    throttlingFactory.registerRead(data.length);
    super.dataReceived(data);
  }

  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    this.producer = producer;
    super.registerProducer(producer, streaming);
  }

  @Override
  public void unregisterProducer() {
    producer = null;
    super.unregisterProducer();
  }

  /**
   * Pauses reading from the real transport.
   *
   * @twisted twisted.protocols.policies.ThrottlingProtocol.throttleReads
   */
  public void throttleReads() {
    transport().pauseProducing();
  }

  /**
   * Resumes reading from the real transport.
   *
   * @twisted twisted.protocols.policies.ThrottlingProtocol.unthrottleReads
   */
  public void unthrottleReads() {
    transport().resumeProducing();
  }

  /**
   * Pauses the push producer registered through this wrapper, if any.
   *
   * @twisted twisted.protocols.policies.ThrottlingProtocol.throttleWrites
   */
  public void throttleWrites() {
    if (producer instanceof IPushProducer p) {
      p.pauseProducing();
    }
  }

  /**
   * Resumes the push producer registered through this wrapper, if any.
   *
   * @twisted twisted.protocols.policies.ThrottlingProtocol.unthrottleWrites
   */
  public void unthrottleWrites() {
    if (producer instanceof IPushProducer p) {
      p.resumeProducing();
    }
  }
}
