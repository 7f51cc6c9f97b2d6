package dev.torsion.internet.testing;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A protocol that keeps everything it receives and remembers how its connection ended, and can
 * fire Deferreds when it connects and when it disconnects.
 *
 * <pre>{@code
 * AccumulatingProtocol p = new AccumulatingProtocol();
 * Deferred<Void> closed = new Deferred<>();
 * p.setClosedDeferred(closed);
 * p.makeConnection(transport);
 * p.dataReceived(bytes);
 * assertEquals(p.data(), bytes);
 * }</pre>
 *
 * <p><b>Differences from Twisted.</b> Twisted's protocol fires
 * {@code factory.protocolConnectionMade}, an attribute set on whatever factory built it; here
 * the Deferred is set on the protocol with {@link #setMadeDeferred}. {@code made} and
 * {@code closed} are booleans, not 0/1.
 *
 * @twisted twisted.internet.testing.AccumulatingProtocol
 */
public class AccumulatingProtocol extends Protocol {
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private boolean made;
  private boolean closed;
  private @Nullable Failure closedReason;
  private @Nullable Deferred<AccumulatingProtocol> madeDeferred;
  private @Nullable Deferred<@Nullable Void> closedDeferred;

  /** A protocol with nothing received yet. */
  public AccumulatingProtocol() {}

  /** Records the connection and fires the made-Deferred, if set, with this protocol. */
  @Override
  public void connectionMade() {
    made = true;
    Deferred<AccumulatingProtocol> d = madeDeferred;
    if (d != null) {
      madeDeferred = null;
      d.callback(this);
    }
  }

  /** Appends {@code bytes} to {@link #data()}. */
  @Override
  public void dataReceived(byte[] bytes) {
    data.write(bytes, 0, bytes.length);
  }

  /** Records the reason and fires the closed-Deferred, if set, with null. */
  @Override
  public void connectionLost(Failure reason) {
    closed = true;
    closedReason = reason;
    Deferred<@Nullable Void> d = closedDeferred;
    if (d != null) {
      closedDeferred = null;
      d.callback(null);
    }
  }

  /**
   * Whether {@code connectionMade} was called.
   *
   * @return true once connected
   * @twisted twisted.internet.testing.AccumulatingProtocol.made
   */
  public final boolean made() {
    return made;
  }

  /**
   * Whether {@code connectionLost} was called.
   *
   * @return true once disconnected
   * @twisted twisted.internet.testing.AccumulatingProtocol.closed
   */
  public final boolean closed() {
    return closed;
  }

  /**
   * Every byte received, in order.
   *
   * @return a copy
   * @twisted twisted.internet.testing.AccumulatingProtocol.data
   */
  public final byte[] data() {
    return data.toByteArray();
  }

  /**
   * The reason given to {@code connectionLost}.
   *
   * @return the reason, or null while connected
   * @twisted twisted.internet.testing.AccumulatingProtocol.closedReason
   */
  public final @Nullable Failure closedReason() {
    return closedReason;
  }

  /**
   * Sets a Deferred fired with this protocol by the next {@code connectionMade}.
   *
   * @param d the Deferred, or null for none
   * @twisted twisted.internet.testing.AccumulatingProtocol.factory.protocolConnectionMade
   */
  public final void setMadeDeferred(@Nullable Deferred<AccumulatingProtocol> d) {
    madeDeferred = d;
  }

  /**
   * Sets a Deferred fired with null by the next {@code connectionLost}.
   *
   * @param d the Deferred, or null for none
   * @twisted twisted.internet.testing.AccumulatingProtocol.closedDeferred
   */
  public final void setClosedDeferred(@Nullable Deferred<@Nullable Void> d) {
    closedDeferred = d;
  }
}
