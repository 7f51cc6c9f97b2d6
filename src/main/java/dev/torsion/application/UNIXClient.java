package dev.torsion.application;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that connects to a UNIX domain socket server when it starts: it calls the
 * reactor's {@code connectUNIX} with the constructor's arguments, and disconnects when it
 * stops. It connects once per start; for retries use {@link ClientService}.
 *
 * <p><b>Lifecycle.</b> Each {@code startService} makes a new connection attempt;
 * {@code stopService} disconnects it and returns {@code null} without waiting. The factory
 * hears the outcome. {@link #connection()} is the connector while running.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The constructors take {@code connectUNIX}'s parameters,
 * the reactor first (null for the global reactor, looked up at each start);
 * {@code _connection} is {@link #connection()}.
 *
 * @twisted twisted.application.internet.UNIXClient
 */
public final class UNIXClient extends ConnectingService {
  private final @Nullable IReactorUNIX reactor;
  private final String address;
  private final ClientFactory factory;
  private final double timeout;
  private final boolean checkPID;

  /**
   * A service connecting with the global reactor, a 30-second timeout and no PID check.
   *
   * @param address the server's socket file
   * @param factory the client factory
   * @twisted twisted.application.internet.UNIXClient
   */
  public UNIXClient(String address, ClientFactory factory) {
    this(null, address, factory, 30, false);
  }

  /**
   * A service connecting with {@code reactor}, a 30-second timeout and no PID check.
   *
   * @param reactor the reactor to connect with, or null for the global reactor
   * @param address the server's socket file
   * @param factory the client factory
   * @twisted twisted.application.internet.UNIXClient
   */
  public UNIXClient(@Nullable IReactorUNIX reactor, String address, ClientFactory factory) {
    this(reactor, address, factory, 30, false);
  }

  /**
   * A service connecting with all of {@code connectUNIX}'s arguments.
   *
   * @param reactor the reactor to connect with, or null for the global reactor
   * @param address the server's socket file
   * @param factory the client factory
   * @param timeout seconds before the attempt fails; 0 or less for none
   * @param checkPID whether to require a live process holding {@code address + ".lock"}
   * @twisted twisted.application.internet.UNIXClient
   */
  public UNIXClient(@Nullable IReactorUNIX reactor, String address, ClientFactory factory,
      double timeout, boolean checkPID) {
    this.reactor = reactor;
    this.address = Objects.requireNonNull(address, "address");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.timeout = timeout;
    this.checkPID = checkPID;
  }

  @Override
  IConnector connect() {
    IReactorUNIX r = reactor == null ? Reactors.current() : reactor;
    return r.connectUNIX(address, factory, timeout, checkPID);
  }

  @Override
  public String toString() {
    return "<UNIXClient " + address + (running() ? " running" : "") + ">";
  }
}
