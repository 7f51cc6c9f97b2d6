package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.ITransport;
import org.jspecify.annotations.Nullable;

/**
 * What every protocol has: its transport and whether it is connected. Extend {@link Protocol}.
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
   * Called when the connection is made. Does nothing here.
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
