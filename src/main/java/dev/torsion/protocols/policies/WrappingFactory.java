package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.python.failure.Failure;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A factory that wraps another: each protocol the wrapped factory builds is connected through a
 * {@link ProtocolWrapper}, and the factory keeps the set of its wrappers that are connected
 * ({@link #protocols()}). Subclasses pick the wrapper class by overriding
 * {@link #wrapProtocol(IProtocol)}; the policies of this package are such subclasses.
 *
 * <pre>{@code
 * Factory echo = Factory.forProtocol(Echo::new);
 * reactor.listenTCP(8000, new WrappingFactory(echo));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Starting this factory starts the wrapped one, and stopping it stops the
 * wrapped one ({@code startFactory}/{@code stopFactory}). A subclass that overrides
 * {@link #startFactory()} or {@link #stopFactory()} must call {@code super}.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted picks the wrapper through the {@code protocol}
 * class attribute; here a subclass overrides {@link #wrapProtocol(IProtocol)}, and
 * {@link #setProtocol} is not used. Twisted's {@code doStart}/{@code doStop} call the wrapped
 * factory's on every port; here the wrapped factory is started once when this one starts and
 * stopped when this one stops, which runs its {@code startFactory}/{@code stopFactory} at the
 * same moments. When the wrapped factory refuses a connection (returns null),
 * {@link #buildProtocol} returns null as well, where Twisted wraps {@code None}. The
 * {@code ClientFactory} callbacks reach the wrapped factory when it is a {@link ClientFactory}.
 *
 * @twisted twisted.protocols.policies.WrappingFactory
 */
public class WrappingFactory extends ClientFactory implements WrapperRegistry {
  private final IProtocolFactory wrappedFactory;
  private final Set<ProtocolWrapper> protocols = new LinkedHashSet<>();

  /**
   * A factory whose connections are those of {@code wrappedFactory}, wrapped.
   *
   * @param wrappedFactory the factory that builds the protocols to wrap
   * @twisted twisted.protocols.policies.WrappingFactory.__init__
   */
  public WrappingFactory(IProtocolFactory wrappedFactory) {
    this.wrappedFactory = Objects.requireNonNull(wrappedFactory, "wrappedFactory");
  }

  /**
   * The wrapped factory.
   *
   * @return the factory given at construction
   * @twisted twisted.protocols.policies.WrappingFactory.wrappedFactory
   */
  public final IProtocolFactory wrappedFactory() {
    return wrappedFactory;
  }

  /**
   * The wrappers connected now, in the order they connected.
   *
   * @return an unmodifiable live view
   * @twisted twisted.protocols.policies.WrappingFactory.protocols
   */
  public final Set<ProtocolWrapper> protocols() {
    return Collections.unmodifiableSet(protocols);
  }

  /**
   * The wrapped factory's log prefix (its class name if it has none), then this factory's class
   * name in parentheses, as {@code "Server (WrappingFactory)"}.
   *
   * @return the prefix
   * @twisted twisted.protocols.policies.WrappingFactory.logPrefix
   */
  @Override
  public String logPrefix() {
    return ProtocolWrapper.wrappedLogPrefix(wrappedFactory) + " ("
        + ProtocolWrapper.simpleName(getClass()) + ")";
  }

  /** Starts the wrapped factory; subclasses overriding this must call {@code super}. */
  @Override
  protected void startFactory() {
    wrappedFactory.doStart();
  }

  /** Stops the wrapped factory; subclasses overriding this must call {@code super}. */
  @Override
  protected void stopFactory() {
    wrappedFactory.doStop();
  }

  /**
   * Tells the wrapped factory, if it is a {@link ClientFactory}.
   *
   * @param connector the connector
   * @twisted twisted.protocols.policies.WrappingFactory.startedConnecting
   */
  @Override
  public void startedConnecting(IConnector connector) {
    if (wrappedFactory instanceof ClientFactory c) {
      c.startedConnecting(connector);
    }
  }

  /**
   * Tells the wrapped factory, if it is a {@link ClientFactory}.
   *
   * @param connector the connector
   * @param reason why the attempt failed
   * @twisted twisted.protocols.policies.WrappingFactory.clientConnectionFailed
   */
  @Override
  public void clientConnectionFailed(IConnector connector, Failure reason) {
    if (wrappedFactory instanceof ClientFactory c) {
      c.clientConnectionFailed(connector, reason);
    }
  }

  /**
   * Tells the wrapped factory, if it is a {@link ClientFactory}.
   *
   * @param connector the connector
   * @param reason why the connection was lost
   * @twisted twisted.protocols.policies.WrappingFactory.clientConnectionLost
   */
  @Override
  public void clientConnectionLost(IConnector connector, Failure reason) {
    if (wrappedFactory instanceof ClientFactory c) {
      c.clientConnectionLost(connector, reason);
    }
  }

  /**
   * Builds the wrapped factory's protocol for {@code addr} and wraps it with
   * {@link #wrapProtocol(IProtocol)}.
   *
   * @param addr the peer's address
   * @return the wrapper, or null if the wrapped factory refused the connection
   * @twisted twisted.protocols.policies.WrappingFactory.buildProtocol
   */
  @Override
  public @Nullable ProtocolWrapper buildProtocol(IAddress addr) {
    IProtocol p = wrappedFactory.buildProtocol(addr);
    return p == null ? null : wrapProtocol(p);
  }

  /**
   * Makes the wrapper for one connection; the rendering of Twisted's {@code protocol} attribute.
   *
   * @param wrappedProtocol the protocol the wrapped factory built
   * @return a new {@code ProtocolWrapper} here; a subclass returns its own wrapper class
   */
  protected ProtocolWrapper wrapProtocol(IProtocol wrappedProtocol) {
    return new ProtocolWrapper(this, wrappedProtocol);
  }

  /**
   * Adds {@code p} to {@link #protocols()}; called by the wrapper when it connects.
   *
   * @param p the wrapper
   * @twisted twisted.protocols.policies.WrappingFactory.registerProtocol
   */
  @Override
  public void registerProtocol(ProtocolWrapper p) {
    protocols.add(p);
  }

  /**
   * Removes {@code p} from {@link #protocols()}; called by the wrapper when its connection is
   * lost.
   *
   * @param p the wrapper
   * @twisted twisted.protocols.policies.WrappingFactory.unregisterProtocol
   */
  @Override
  public void unregisterProtocol(ProtocolWrapper p) {
    protocols.remove(p);
  }
}
