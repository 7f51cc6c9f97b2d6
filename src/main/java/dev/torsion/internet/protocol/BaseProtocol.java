package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.ITransport;
import org.jspecify.annotations.Nullable;

/**
 * What every protocol has: its transport and whether it is connected. Extend {@link Protocol}
 * for stream connections; process protocols share this base.
 *
 * <p><b>Lifecycle.</b> {@link #makeConnection} is called once by the transport, before any data;
 * it sets {@link #transport()} and {@link #connected()} and then calls {@link #connectionMade()}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> {@code connected} is a boolean read with
 * {@link #connected()}; {@code transport} is read with {@link #transport()}, which throws before
 * the connection instead of returning None.
 *
 * @twisted twisted.internet.protocol.BaseProtocol
 */
public abstract class BaseProtocol {
  /** Whether {@link #makeConnection} has been called. */
  protected boolean connected;

  /** The transport, set by {@link #makeConnection}; null before that. */
  protected @Nullable ITransport transport;

  /** For subclasses. */
  protected BaseProtocol() {}

  /**
   * Records the transport, marks the protocol connected, and calls {@link #connectionMade()}.
   *
   * @param transport the connection
   * @twisted twisted.internet.protocol.BaseProtocol.makeConnection
   */
  public void makeConnection(ITransport transport) {
    this.connected = true;
    this.transport = transport;
    connectionMade();
  }

  /**
   * Called when the connection is made: the place to send a greeting. Does nothing here.
   *
   * @twisted twisted.internet.protocol.BaseProtocol.connectionMade
   */
  public void connectionMade() {}

  /**
   * The transport.
   *
   * @return the transport given to {@link #makeConnection}
   * @throws IllegalStateException before {@link #makeConnection}
   * @twisted twisted.internet.protocol.BaseProtocol.transport
   */
  public ITransport transport() {
    ITransport t = transport;
    if (t == null) {
      throw new IllegalStateException(getClass().getName() + " has no transport yet");
    }
    return t;
  }

  /**
   * Whether {@link #makeConnection} has been called.
   *
   * @return true once connected
   * @twisted twisted.internet.protocol.BaseProtocol.connected
   */
  public boolean connected() {
    return connected;
  }
}
