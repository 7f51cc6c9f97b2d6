package dev.torsion.application;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.reactor.Reactors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that serves TLS clients while it runs: it calls the reactor's {@code listenSSL}
 * with the constructor's arguments when it starts, and stops listening when it stops.
 *
 * <pre>{@code
 * new SSLServer(null, 8443, factory, certificate.options(), 50, "")
 *     .setServiceParent(application.service());
 * }</pre>
 *
 * <p><b>Lifecycle.</b> As {@link TCPServer}: {@code privilegedStartService} listens, or
 * {@code startService} if that did not run; {@link #port()} is the port while listening.
 *
 * <p><b>Errors.</b> {@code listenSSL}'s {@code CannotListenError} is thrown from the start
 * method that listened.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> The constructor takes {@code listenSSL}'s parameters,
 * the reactor first (null for the global reactor, looked up at each start).
 *
 * @twisted twisted.application.internet.SSLServer
 */
public final class SSLServer extends ListeningService {
  private final @Nullable IReactorSSL reactor;
  private final int portNumber;
  private final IProtocolFactory factory;
  private final ITLSConnectionCreator contextFactory;
  private final int backlog;
  private final String iface;

  /**
   * A service listening with all of {@code listenSSL}'s arguments.
   *
   * @param reactor the reactor to listen with, or null for the global reactor
   * @param port the port number, or 0 for one the system chooses
   * @param factory builds a protocol per connection
   * @param contextFactory configures the server end of each connection
   * @param backlog the accept queue length
   * @param iface the local address to bind ({@code ""} for every IPv4 address)
   * @twisted twisted.application.internet.SSLServer
   */
  public SSLServer(@Nullable IReactorSSL reactor, int port, IProtocolFactory factory,
      ITLSConnectionCreator contextFactory, int backlog, String iface) {
    this.reactor = reactor;
    this.portNumber = port;
    this.factory = Objects.requireNonNull(factory, "factory");
    this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
    this.backlog = backlog;
    this.iface = Objects.requireNonNull(iface, "iface");
  }

  @Override
  IListeningPort listen() {
    IReactorSSL r = reactor == null ? Reactors.current() : reactor;
    return r.listenSSL(portNumber, factory, contextFactory, backlog, iface);
  }

  @Override
  public String toString() {
    return "<SSLServer port=" + portNumber + (running() ? " running" : "") + ">";
  }
}
