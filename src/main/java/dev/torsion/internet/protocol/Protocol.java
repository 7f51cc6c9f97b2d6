package dev.torsion.internet.protocol;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * The base class for stream protocols: override {@link #dataReceived}, and as needed
 * {@link #connectionMade()} and {@link #connectionLost}. The contract is {@link IProtocol}'s.
 *
 * <pre>{@code
 * final class Echo extends Protocol {
 *   @Override public void dataReceived(byte[] data) { transport().write(data); }
 * }
 * reactor.listenTCP(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@code makeConnection} (setting {@link #transport()} and calling
 * {@link #connectionMade()}), then {@link #dataReceived} any number of times, then
 * {@link #connectionLost} once. Release what the connection holds in {@code connectionLost}.
 *
 * <p><b>Threading.</b> Every method is called on the reactor thread; a protocol needs no locks.
 *
 * <p><b>Errors.</b> An unchecked exception thrown from {@code connectionMade} or
 * {@code dataReceived} is logged by the transport and closes the connection; checked exceptions
 * must be wrapped (Torsion's own errors, in {@code internet.error}, are all unchecked).
 *
 * <p><b>Differences from Twisted.</b> {@code self.transport} is {@link #transport()} (or the
 * protected field {@code transport}), {@code self.factory} is {@link #factory()};
 * {@code connectionLost} has no default argument: pass {@link #connectionDone()}.
 *
 * @twisted twisted.internet.protocol.Protocol
 */
public class Protocol extends BaseProtocol implements IProtocol, ILoggingContext {
  /** The factory that built this protocol, set by {@link Factory#buildProtocol}; else null. */
  protected @Nullable Factory factory;

  /** For subclasses. */
  public Protocol() {}

  /**
   * A fresh {@code Failure(ConnectionDone())}: the reason for a clean close.
   *
   * @return the Failure
   * @twisted twisted.internet.protocol.connectionDone
   */
  public static Failure connectionDone() {
    return new Failure(new ConnectionDone("Connection was closed cleanly."));
  }

  /**
   * The factory that built this protocol.
   *
   * @return the factory, or null if none set it
   * @twisted twisted.internet.protocol.Protocol.factory
   */
  public @Nullable Factory factory() {
    return factory;
  }

  /**
   * Sets the factory; {@link Factory#buildProtocol} does it.
   *
   * @param factory the factory
   */
  public void setFactory(@Nullable Factory factory) {
    this.factory = factory;
  }

  /**
   * The protocol's class name, for log lines about this connection.
   *
   * @return the simple class name (the binary name's last part for an anonymous class)
   * @twisted twisted.internet.protocol.Protocol.logPrefix
   */
  @Override
  public String logPrefix() {
    return Factory.className(getClass());
  }

  /**
   * Called with bytes as they arrive, split or joined as the network pleases: buffer partial
   * messages. Does nothing here.
   *
   * @param data the bytes
   * @twisted twisted.internet.protocol.Protocol.dataReceived
   */
  @Override
  public void dataReceived(byte[] data) {}

  /**
   * Called once when the connection closes. Does nothing here.
   *
   * @param reason why it closed
   * @twisted twisted.internet.protocol.Protocol.connectionLost
   */
  @Override
  public void connectionLost(Failure reason) {}
}
