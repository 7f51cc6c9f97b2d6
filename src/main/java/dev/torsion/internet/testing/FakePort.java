package dev.torsion.internet.testing;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import java.util.Objects;

/**
 * The listening port {@link MemoryReactor} hands out: it listens on nothing, reports the address
 * it was given, and remembers whether it was stopped.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code _FakePort} is private and remembers
 * nothing; this one is public so tests can ask {@link #listening()}, and
 * {@link #stopListening()} returns an already fired Deferred as the interface requires.
 *
 * @twisted twisted.internet.testing._FakePort
 */
public final class FakePort implements IListeningPort {
  private final IAddress hostAddress;
  private boolean listening = true;

  /**
   * A port pretending to listen on {@code hostAddress}.
   *
   * @param hostAddress what {@link #getHost()} returns
   */
  public FakePort(IAddress hostAddress) {
    this.hostAddress = Objects.requireNonNull(hostAddress, "hostAddress");
  }

  /** Marks the port listening again; nothing is bound. */
  @Override
  public void startListening() {
    listening = true;
  }

  /**
   * Marks the port not listening.
   *
   * @return a Deferred that has already fired with null
   */
  @Override
  public Deferred<Void> stopListening() {
    listening = false;
    return Defer.succeed(null);
  }

  @Override
  public IAddress getHost() {
    return hostAddress;
  }

  /**
   * Whether the port counts as listening: true until {@link #stopListening()}.
   *
   * @return true while listening
   */
  public boolean listening() {
    return listening;
  }

  @Override
  public String toString() {
    return "<FakePort on " + hostAddress + ">";
  }
}
