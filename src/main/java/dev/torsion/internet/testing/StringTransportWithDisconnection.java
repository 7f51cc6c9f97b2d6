package dev.torsion.internet.testing;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StringTransport} whose {@link #loseConnection()} tells the protocol at once: the
 * first call marks it disconnected and calls {@code connectionLost} with
 * {@code ConnectionDone("Bye.")}; later calls do nothing.
 *
 * <pre>{@code
 * StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
 * transport.setProtocol(protocol);
 * protocol.makeConnection(transport);
 * }</pre>
 *
 * <p><b>Re-entrancy.</b> Unlike a real transport, {@code connectionLost} runs inside the call to
 * {@code loseConnection}, which is what makes it convenient for synchronous tests.
 *
 * <p><b>Differences from Twisted.</b> Twisted's tests assign the {@code protocol} attribute;
 * here it is {@link #setProtocol}, and {@code loseConnection} without a protocol throws
 * {@link IllegalStateException}.
 *
 * @twisted twisted.internet.testing.StringTransportWithDisconnection
 */
public final class StringTransportWithDisconnection extends StringTransport {
  private @Nullable IProtocol protocol;

  /** A transport with the default addresses. */
  public StringTransportWithDisconnection() {}

  /**
   * A transport with the given addresses.
   *
   * @param hostAddress what {@code getHost()} returns, or null for the default
   * @param peerAddress what {@code getPeer()} returns, or null for the default
   */
  public StringTransportWithDisconnection(@Nullable IAddress hostAddress,
      @Nullable IAddress peerAddress) {
    super(hostAddress, peerAddress);
  }

  /**
   * Sets the protocol told of the disconnection.
   *
   * @param protocol the protocol
   * @twisted twisted.internet.testing.StringTransportWithDisconnection.protocol
   */
  public void setProtocol(IProtocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * The first call marks the transport not connected and calls the protocol's
   * {@code connectionLost} with {@code ConnectionDone}; later calls do nothing.
   *
   * @throws IllegalStateException if no protocol was set
   */
  @Override
  public void loseConnection() {
    if (connected) {
      IProtocol p = protocol;
      if (p == null) {
        throw new IllegalStateException("setProtocol was not called");
      }
      connected = false;
      p.connectionLost(new Failure(new ConnectionDone("Bye.")));
    }
  }
}
