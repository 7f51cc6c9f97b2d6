package dev.torsion.application;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The factory {@link ClientService} hands its endpoint for one connection attempt: it wraps
 * each protocol the user's factory builds in a {@link ReconnectingProtocolProxy} that reports
 * the loss of its connection, naming this factory so the service can tell a current connection
 * from a stale one.
 *
 * @twisted twisted.application.internet._DisconnectFactory
 */
final class DisconnectFactory implements IProtocolFactory, ILoggingContext {
  private final IProtocolFactory wrapped;
  private final Consumer<DisconnectFactory> disconnected;
  /** The last protocol built: the one of this attempt's connection. */
  private @Nullable ReconnectingProtocolProxy built;

  DisconnectFactory(IProtocolFactory wrapped, Consumer<DisconnectFactory> disconnected) {
    this.wrapped = wrapped;
    this.disconnected = disconnected;
  }

  @Nullable ReconnectingProtocolProxy built() {
    return built;
  }

  @Override
  public @Nullable IProtocol buildProtocol(IAddress addr) {
    IProtocol protocol = wrapped.buildProtocol(addr);
    if (protocol == null) {
      return null;
    }
    ReconnectingProtocolProxy proxy =
        ReconnectingProtocolProxy.wrap(protocol, () -> disconnected.accept(this));
    built = proxy;
    return proxy;
  }

  @Override
  public void doStart() {
    wrapped.doStart();
  }

  @Override
  public void doStop() {
    wrapped.doStop();
  }

  @Override
  public String logPrefix() {
    return wrapped instanceof ILoggingContext c
        ? c.logPrefix() : wrapped.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "<DisconnectFactory wrapping " + wrapped + ">";
  }
}
