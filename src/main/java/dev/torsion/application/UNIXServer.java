package dev.torsion.application;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that serves UNIX domain socket clients while it runs: it calls the reactor's
 * {@code listenUNIX} with the constructor's arguments when it starts, and stops listening
 * (removing the socket file) when it stops.
 *
 * <p><b>Lifecycle.</b> {@code privilegedStartService} listens, or {@code startService} if that
 * did not run. A stopped service listens again when started again. {@link #port()} is the port
 * while listening.
 *
 * <p><b>Errors.</b> {@code listenUNIX}'s {@code CannotListenError} (the file exists, say) is
 * thrown from the start method that listened.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The constructors take {@code listenUNIX}'s parameters,
 * the reactor first (null for the global reactor, looked up at each start); {@code _port} is
 * {@link #port()}.
 *
 * @twisted twisted.application.internet.UNIXServer
 */
public final class UNIXServer extends ListeningService {
  private final @Nullable IReactorUNIX reactor;
  private final String address;
  private final IProtocolFactory factory;
  private final int backlog;
  private final int mode;
  private final boolean wantPID;

  /**
   * A service listening with the global reactor and Twisted's defaults (backlog 50, mode
   * {@code 0666}, no lock file).
   *
   * @param address the socket file to create
   * @param factory builds a protocol per connection
   * @twisted twisted.application.internet.UNIXServer
   */
  public UNIXServer(String address, IProtocolFactory factory) {
    this(null, address, factory, 50, 0666, false);
  }

  /**
   * A service listening with {@code reactor} and Twisted's defaults.
   *
   * @param reactor the reactor to listen with, or null for the global reactor
   * @param address the socket file to create
   * @param factory builds a protocol per connection
   * @twisted twisted.application.internet.UNIXServer
   */
  public UNIXServer(@Nullable IReactorUNIX reactor, String address, IProtocolFactory factory) {
    this(reactor, address, factory, 50, 0666, false);
  }

  /**
   * A service listening with all of {@code listenUNIX}'s arguments.
   *
   * @param reactor the reactor to listen with, or null for the global reactor
   * @param address the socket file to create
   * @param factory builds a protocol per connection
   * @param backlog the accept queue length
   * @param mode the file's permission bits
   * @param wantPID whether to hold the lock file {@code address + ".lock"} while listening
   * @twisted twisted.application.internet.UNIXServer
   */
  public UNIXServer(@Nullable IReactorUNIX reactor, String address, IProtocolFactory factory,
      int backlog, int mode, boolean wantPID) {
    this.reactor = reactor;
    this.address = Objects.requireNonNull(address, "address");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.backlog = backlog;
    this.mode = mode;
    this.wantPID = wantPID;
  }

  @Override
  IListeningPort listen() {
    IReactorUNIX r = reactor == null ? Reactors.current() : reactor;
    return r.listenUNIX(address, factory, backlog, mode, wantPID);
  }

  @Override
  public String toString() {
    return "<UNIXServer " + address + (running() ? " running" : "") + ">";
  }
}
