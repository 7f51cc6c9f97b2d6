package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConnector;
import java.util.Objects;

/**
 * The connector {@link MemoryReactor} hands out: it connects to nothing and records what it was
 * asked to do, so a test can check that code under test gave up on a connection attempt.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code _FakeConnector} is private, though its
 * {@code stoppedConnecting} attribute is read by tests; here the class is public and the
 * records are methods. {@link #connect()} counts its calls instead of ignoring them.
 *
 * @twisted twisted.internet.testing._FakeConnector
 */
public final class FakeConnector implements IConnector {
  private final IAddress address;
  private boolean stoppedConnecting;
  private boolean disconnected;
  private int connectCalls;

  /**
   * A connector to {@code address}.
   *
   * @param address what {@link #getDestination()} returns
   */
  public FakeConnector(IAddress address) {
    this.address = Objects.requireNonNull(address, "address");
  }

  /** Records the call in {@link #stoppedConnecting()}; never throws. */
  @Override
  public void stopConnecting() {
    stoppedConnecting = true;
  }

  /** Records the call in {@link #disconnected()}. */
  @Override
  public void disconnect() {
    disconnected = true;
  }

  /** Counts the call in {@link #connectCalls()}; connects to nothing. */
  @Override
  public void connect() {
    connectCalls++;
  }

  @Override
  public IAddress getDestination() {
    return address;
  }

  /**
   * Whether {@link #stopConnecting()} was called.
   *
   * @return true once called
   * @twisted twisted.internet.testing._FakeConnector.stoppedConnecting
   */
  public boolean stoppedConnecting() {
    return stoppedConnecting;
  }

  /**
   * Whether {@link #disconnect()} was called.
   *
   * @return true once called
   * @twisted twisted.internet.testing._FakeConnector._disconnected
   */
  public boolean disconnected() {
    return disconnected;
  }

  /**
   * How many times {@link #connect()} was called.
   *
   * @return the count
   */
  public int connectCalls() {
    return connectCalls;
  }

  @Override
  public String toString() {
    return "<FakeConnector to " + address + ">";
  }
}
