package dev.torsion.internal.reactor;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * {@code listenSSL}/{@code connectSSL} for any reactor with TCP and a clock: the user's factory
 * is wrapped in a {@link TLSMemoryBIOFactory} whose timers run on that same reactor, and handed
 * to {@code listenTCP}/{@code connectTCP}. Twisted's reactors do exactly this since TLS moved
 * to the memory-BIO wrapper; one implementation serves every backend.
 */
public final class SslLayer {
  private SslLayer() {}

  /**
   * Listens for TLS connections on {@code reactor}.
   *
   * @param <R> a reactor with TCP and time
   * @param reactor the reactor
   * @param port the port
   * @param factory the application factory
   * @param creator configures each server connection
   * @param backlog the accept queue length
   * @param iface the address to bind
   * @return the listening port
   */
  public static <R extends IReactorTCP & IReactorTime> IListeningPort listenSSL(R reactor,
      int port, IProtocolFactory factory, ITLSConnectionCreator creator, int backlog,
      String iface) {
    return reactor.listenTCP(port, new TLSMemoryBIOFactory(creator, false, factory, reactor),
        backlog, iface);
  }

  /**
   * Connects a TLS client with {@code reactor}.
   *
   * @param <R> a reactor with TCP and time
   * @param reactor the reactor
   * @param host the host
   * @param port the port
   * @param factory the application's client factory
   * @param creator configures the client connection
   * @param timeout the TCP connect timeout in seconds
   * @param bindAddress the local address, or null
   * @return the connector
   */
  public static <R extends IReactorTCP & IReactorTime> IConnector connectSSL(R reactor,
      String host, int port, ClientFactory factory, ITLSConnectionCreator creator,
      double timeout, @Nullable InetSocketAddress bindAddress) {
    return reactor.connectTCP(host, port, new TLSMemoryBIOFactory(creator, true, factory, reactor),
        timeout, bindAddress);
  }
}
