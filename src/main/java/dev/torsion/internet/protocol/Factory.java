package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocolFactory;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds protocols from a supplier and counts the ports using it. Subclass it to share state
 * among connections (the factory is the natural home of a chat room's member list), or use
 * {@link #forProtocol} when a supplier is all there is.
 *
 * <p><b>Lifecycle.</b> {@link #doStart()} and {@link #doStop()} are counted: the first
 * {@code doStart} calls {@link #startFactory()}, the last {@code doStop} calls
 * {@link #stopFactory()}.
 *
 * @twisted twisted.internet.protocol.Factory
 */
public class Factory implements IProtocolFactory, ILoggingContext {
  private @Nullable Supplier<? extends Protocol> protocol;
  private int numPorts;
  private boolean noisy = true;

  /** A factory whose {@link #buildProtocol} a subclass overrides, or set with {@link #setProtocol}. */
  public Factory() {}

  /**
   * A factory building its protocols with {@code protocol}.
   *
   * @param protocol makes one protocol per connection
   * @return the factory
   * @twisted twisted.internet.protocol.Factory.forProtocol
   */
  public static Factory forProtocol(Supplier<? extends Protocol> protocol) {
    Factory f = new Factory();
    f.setProtocol(protocol);
    return f;
  }

  /**
   * Sets the supplier {@link #buildProtocol} uses.
   *
   * @param protocol makes one protocol per connection
   * @twisted twisted.internet.protocol.Factory.protocol
   */
  public final void setProtocol(Supplier<? extends Protocol> protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * How many ports and connectors are using this factory.
   *
   * @return the count of {@code doStart} calls not yet matched by {@code doStop}
   * @twisted twisted.internet.protocol.Factory.numPorts
   */
  public final int numPorts() {
    return numPorts;
  }

  /**
   * Whether starting and stopping are logged.
   *
   * @return true by default
   * @twisted twisted.internet.protocol.Factory.noisy
   */
  public final boolean noisy() {
    return noisy;
  }

  /**
   * Turns logging of starting and stopping on or off.
   *
   * @param noisy true to log
   * @twisted twisted.internet.protocol.Factory.noisy
   */
  public final void setNoisy(boolean noisy) {
    this.noisy = noisy;
  }

  @Override
  public String logPrefix() {
    return getClass().getSimpleName();
  }

  @Override
  public final void doStart() {
    if (numPorts == 0) {
      if (noisy) {
        org.slf4j.LoggerFactory.getLogger(Factory.class).info("Starting factory {}", this);
      }
      startFactory();
    }
    numPorts++;
  }

  @Override
  public final void doStop() {
    if (numPorts == 0) {
      // As Twisted: an unbalanced doStop is ignored, since stopFactory already ran.
      return;
    }
    numPorts--;
    if (numPorts == 0) {
      if (noisy) {
        org.slf4j.LoggerFactory.getLogger(Factory.class).info("Stopping factory {}", this);
      }
      stopFactory();
    }
  }

  /**
   * Called when the first port starts using this factory. Does nothing here.
   *
   * @twisted twisted.internet.protocol.Factory.startFactory
   */
  protected void startFactory() {}

  /**
   * Called when the last port stops using this factory. Does nothing here.
   *
   * @twisted twisted.internet.protocol.Factory.stopFactory
   */
  protected void stopFactory() {}

  /**
   * Builds a protocol with the supplier and sets its factory to this one.
   *
   * @param addr the peer's address
   * @return the protocol, or null to refuse the connection
   * @throws IllegalStateException if no supplier was set and the method is not overridden
   * @twisted twisted.internet.protocol.Factory.buildProtocol
   */
  @Override
  public @Nullable Protocol buildProtocol(IAddress addr) {
    Supplier<? extends Protocol> p = protocol;
    if (p == null) {
      throw new IllegalStateException(getClass().getName() + " has no protocol to build");
    }
    Protocol built = p.get();
    built.setFactory(this);
    return built;
  }

  @Override
  public String toString() {
    return "<" + getClass().getName() + " object at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + ">";
  }
}
