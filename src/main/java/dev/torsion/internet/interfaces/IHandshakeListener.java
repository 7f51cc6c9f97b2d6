package dev.torsion.internet.interfaces;

/**
 * A protocol that wants to hear when the TLS handshake under it has finished. Implement it
 * alongside {@link IProtocol}; the TLS wrapper checks for it with {@code instanceof}.
 *
 * <p><b>Lifecycle.</b> {@link #handshakeCompleted()} is called at most once, after
 * {@code connectionMade} (which comes before the handshake) and before the first
 * {@code dataReceived}. It is never called if the handshake fails or the connection is lost
 * first; {@code connectionLost} then carries the reason.
 *
 * <p><b>Threading.</b> Reactor thread.
 *
 * <p><b>Re-entrancy.</b> The protocol may write, close or abort from inside the call.
 *
 * @twisted twisted.internet.interfaces.IHandshakeListener
 */
public interface IHandshakeListener {
  /**
   * The TLS handshake finished: the peer is authenticated as configured, and
   * {@link ISSLTransport#getPeerCertificate()} and {@link INegotiated#negotiatedProtocol()} have
   * their values. Writes made before this moment are sent right after it returns.
   *
   * @twisted twisted.internet.interfaces.IHandshakeListener.handshakeCompleted
   */
  void handshakeCompleted();
}
