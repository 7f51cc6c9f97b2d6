package dev.torsion.internet.protocol;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocolFactory;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Builds protocols from a supplier and counts the ports using it. Subclass it to share state
 * among connections (the factory is the natural home of a chat room's member list), or use
 * {@link #forProtocol} when a supplier is all there is.
 *
 * <pre>{@code
 * reactor.listenTCP(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #doStart()} and {@link #doStop()} are counted: the first
 * {@code doStart} calls {@link #startFactory()}, the last {@code doStop} calls
 * {@link #stopFactory()}, so a factory shared by several ports starts and stops once. When
 * {@link #noisy()} (the default) both are logged at INFO on the factory class's SLF4J logger,
 * as "Starting factory {@code <repr>}" and "Stopping factory {@code <repr>}". An unbalanced
 * {@code doStop} is ignored.
 *
 * <p><b>Threading.</b> Reactor thread only, like the ports that call it.
 *
 * <p><b>Errors.</b> {@link #buildProtocol} may refuse a connection by returning null: the
 * transport closes it at once. An exception it throws is logged by the port and also closes the
 * connection.
 *
 * <p><b>Differences from Twisted.</b> The {@code protocol} attribute is a
 * {@code Supplier<? extends Protocol>} ({@code Echo::new}) rather than a class, read with
 * {@link #protocol()} and set with {@link #setProtocol}. Twisted's
 * {@code MyFactory.forProtocol(P, *args)} is {@code Factory.forProtocol(P::new,
 * () -> new MyFactory(args))}. {@code numPorts} and {@code noisy} are methods.
 *
 * @twisted twisted.internet.protocol.Factory
 */
public class Factory implements IProtocolFactory, ILoggingContext {
  private @Nullable Supplier<? extends Protocol> protocol;
  private int numPorts;
  private boolean noisy = true;

  /** A factory whose {@link #buildProtocol} a subclass overrides, or set {@link #setProtocol}. */
  public Factory() {}

  /**
   * A factory building its protocols with {@code protocol}.
   *
   * @param protocol makes one protocol per connection
   * @return the factory
   * @twisted twisted.internet.protocol.Factory.forProtocol
   */
  public static Factory forProtocol(Supplier<? extends Protocol> protocol) {
    return forProtocol(protocol, Factory::new);
  }

  /**
   * A factory made by {@code factory} (a subclass, built with its own arguments) that builds its
   * protocols with {@code protocol}.
   *
   * @param protocol makes one protocol per connection
   * @param factory makes the factory, for instance {@code () -> new ChatFactory(room)}
   * @param <F> the factory type
   * @return the factory, its protocol supplier set
   * @twisted twisted.internet.protocol.Factory.forProtocol
   */
  public static <F extends Factory> F forProtocol(Supplier<? extends Protocol> protocol,
      Supplier<F> factory) {
    F f = Objects.requireNonNull(factory.get(), "the factory supplier returned null");
    f.setProtocol(protocol);
    return f;
  }

  /**
   * The supplier {@link #buildProtocol} uses.
   *
   * @return the supplier, or null if none was set
   * @twisted twisted.internet.protocol.Factory.protocol
   */
  public final @Nullable Supplier<? extends Protocol> protocol() {
    return protocol;
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

  /**
   * The factory's class name, for log lines.
   *
   * @return the simple class name (the binary name's last part for an anonymous class)
   * @twisted twisted.internet.protocol.Factory.logPrefix
   */
  @Override
  public String logPrefix() {
    return className(getClass());
  }

  @Override
  public final void doStart() {
    if (numPorts == 0) {
      if (noisy) {
        LoggerFactory.getLogger(getClass()).info("Starting factory {}", this);
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
        LoggerFactory.getLogger(getClass()).info("Stopping factory {}", this);
      }
      stopFactory();
    }
  }

  /**
   * Called when the first port starts using this factory: open what the connections share
   * (a database, a file). Does nothing here.
   *
   * @twisted twisted.internet.protocol.Factory.startFactory
   */
  protected void startFactory() {}

  /**
   * Called when the last port stops using this factory: close what {@link #startFactory()}
   * opened. Does nothing here.
   *
   * @twisted twisted.internet.protocol.Factory.stopFactory
   */
  protected void stopFactory() {}

  /**
   * Builds a protocol with the supplier and sets its factory to this one. Override it to refuse
   * connections (return null) or to build protocols another way.
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
    Protocol built = Objects.requireNonNull(p.get(), "the protocol supplier returned null");
    built.setFactory(this);
    return built;
  }

  /**
   * Twisted's default repr: {@code <dev.torsion.internet.protocol.Factory object at 0x…>}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "<" + getClass().getName() + " object at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + ">";
  }

  /** A class's name as Python's {@code __name__} gives it, even for anonymous classes. */
  static String className(Class<?> c) {
    String simple = c.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = c.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
