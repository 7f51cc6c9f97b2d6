package dev.torsion.application;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that serves TCP clients while it runs: it calls the reactor's {@code listenTCP}
 * with the constructor's arguments when it starts, and stops listening when it stops.
 * {@link StreamServerEndpointService} with an endpoint string is the more general form.
 *
 * <pre>{@code
 * new TCPServer(8080, Factory.forProtocol(Echo::new)).setServiceParent(application.service());
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@code privilegedStartService} listens (so a port below 1024 is bound
 * before privileges are shed), or {@code startService} if that did not run. A stopped service
 * listens again when started again. {@link #port()} is the port while listening.
 *
 * <p><b>Errors.</b> {@code listenTCP}'s {@code CannotListenError} is thrown from the start
 * method that listened.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code TCPServer(*args, reactor=r, **kw)}
 * passes any arguments through; here the constructors take {@code listenTCP}'s parameters and
 * the reactor comes first (null for the global reactor, {@link Reactors#current()}, looked up
 * at each start, as Twisted does). {@code _port} is {@link #port()}. A second
 * {@code privilegedStartService} does not listen twice.
 *
 * @twisted twisted.application.internet.TCPServer
 */
public final class TCPServer extends ListeningService {
  private final @Nullable IReactorTCP reactor;
  private final int portNumber;
  private final IProtocolFactory factory;
  private final int backlog;
  private final String iface;

  /**
   * A service listening with the global reactor, a backlog of 50, on every IPv4 address.
   *
   * @param port the port number, or 0 for one the system chooses
   * @param factory builds a protocol per connection
   * @twisted twisted.application.internet.TCPServer
   */
  public TCPServer(int port, IProtocolFactory factory) {
    this(null, port, factory, 50, "");
  }

  /**
   * A service listening with {@code reactor}, a backlog of 50, on every IPv4 address.
   *
   * @param reactor the reactor to listen with, or null for the global reactor
   * @param port the port number, or 0 for one the system chooses
   * @param factory builds a protocol per connection
   * @twisted twisted.application.internet.TCPServer
   */
  public TCPServer(@Nullable IReactorTCP reactor, int port, IProtocolFactory factory) {
    this(reactor, port, factory, 50, "");
  }

  /**
   * A service listening with all of {@code listenTCP}'s arguments.
   *
   * @param reactor the reactor to listen with, or null for the global reactor
   * @param port the port number, or 0 for one the system chooses
   * @param factory builds a protocol per connection
   * @param backlog the accept queue length
   * @param iface the local address to bind ({@code ""} for every IPv4 address)
   * @twisted twisted.application.internet.TCPServer
   */
  public TCPServer(@Nullable IReactorTCP reactor, int port, IProtocolFactory factory,
      int backlog, String iface) {
    this.reactor = reactor;
    this.portNumber = port;
    this.factory = Objects.requireNonNull(factory, "factory");
    this.backlog = backlog;
    this.iface = Objects.requireNonNull(iface, "iface");
  }

  @Override
  IListeningPort listen() {
    IReactorTCP r = reactor == null ? Reactors.current() : reactor;
    return r.listenTCP(portNumber, factory, backlog, iface);
  }

  @Override
  public String toString() {
    return "<TCPServer port=" + portNumber + (running() ? " running" : "") + ">";
  }
}
