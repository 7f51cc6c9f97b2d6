package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.protocols.policies.ProtocolWrapper;
import java.util.Objects;
import java.util.function.Function;

/**
 * A client endpoint that layers a protocol wrapper (such as TLS) over another endpoint's
 * connections: it connects {@code wrapperFactory(userFactory)} through the wrapped endpoint,
 * and fires with the user's protocol, unwrapped from the {@link ProtocolWrapper} that
 * connected. Failures and cancellation are the wrapped endpoint's. The building block of
 * Twisted's {@code wrapClientTLS}; private there, package-private here.
 *
 * @twisted twisted.internet.endpoints._WrapperEndpoint
 */
final class WrapperClientEndpoint implements IStreamClientEndpoint {
  private final IStreamClientEndpoint wrappedEndpoint;
  private final Function<IProtocolFactory, ? extends IProtocolFactory> wrapperFactory;

  WrapperClientEndpoint(IStreamClientEndpoint wrappedEndpoint,
      Function<IProtocolFactory, ? extends IProtocolFactory> wrapperFactory) {
    this.wrappedEndpoint = Objects.requireNonNull(wrappedEndpoint, "wrappedEndpoint");
    this.wrapperFactory = Objects.requireNonNull(wrapperFactory, "wrapperFactory");
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    return wrappedEndpoint.connect(wrapperFactory.apply(protocolFactory))
        .addCallback(WrapperClientEndpoint::unwrap);
  }

  private static IProtocol unwrap(IProtocol connected) {
    if (connected instanceof ProtocolWrapper w && w.wrappedProtocol() != null) {
      return w.wrappedProtocol();
    }
    throw new IllegalStateException("the wrapper factory built " + connected
        + ", not a ProtocolWrapper around the user's protocol");
  }

  /** The endpoint that makes the underlying connections (for tests and parsers). */
  IStreamClientEndpoint wrappedEndpoint() {
    return wrappedEndpoint;
  }

  /** Wraps the user's factory (for tests). */
  IProtocolFactory wrapFactory(IProtocolFactory userFactory) {
    return wrapperFactory.apply(userFactory);
  }

  @Override
  public String toString() {
    return "<WrapperClientEndpoint wrapping " + wrappedEndpoint + ">";
  }
}
