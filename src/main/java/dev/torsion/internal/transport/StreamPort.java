package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.error.AlreadyListened;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening TCP port over any backend's {@link IoBackend.Listener}: {@link BasePort}'s accept
 * policy over a socket bound to an interface and port (or adopted), whose connections are named
 * after the peer's address.
 */
public final class StreamPort extends BasePort {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPort.class);

  private final int requestedPort;
  private final int backlog;
  private final String iface;
  private @Nullable ServerSocketChannel adopted;
  private @Nullable IAddress host;
  private int realPortNumber;
  private boolean ipv6;

  /**
   * A port, not yet listening.
   *
   * @param core the reactor
   * @param factory builds a protocol per connection
   * @param port the port number, 0 for any
   * @param backlog the accept queue length
   * @param iface {@code ""} or a literal address
   * @param reservation the descriptor held for EMFILE recovery
   */
  public StreamPort(LoopCore core, IProtocolFactory factory, int port, int backlog,
      String iface, DescriptorReservation reservation) {
    super(core, factory, reservation);
    this.requestedPort = port;
    this.backlog = backlog;
    this.iface = iface;
  }

  /**
   * A port over an adopted listening socket, not yet listening.
   *
   * @param core the reactor
   * @param factory builds a protocol per connection
   * @param channel the bound, listening socket
   * @param reservation the descriptor held for EMFILE recovery
   * @return the port
   */
  public static StreamPort adopting(LoopCore core, IProtocolFactory factory,
      ServerSocketChannel channel, DescriptorReservation reservation) {
    StreamPort p = new StreamPort(core, factory, 0, 0, "", reservation);
    p.adopted = channel;
    return p;
  }

  @Override
  public void startListening() {
    if (!mayStart()) {
      throw new AlreadyListened(this + " is listening already");
    }
    IoBackend.Listener l;
    try {
      ServerSocketChannel ch = adopted;
      if (ch != null) {
        adopted = null;
        l = core.backend().adoptListener(ch, this);
      } else {
        l = core.backend().listen(Addresses.bindAddress(iface, requestedPort), backlog, this);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CannotListenError(iface + ":" + requestedPort + ": " + e.getMessage(), e);
    }
    InetSocketAddress local = l.localAddress();
    ipv6 = Addresses.isIPv6(local);
    host = Addresses.of(local, ipv6);
    realPortNumber = local.getPort();
    LOG.info("{} starting on {}", logPrefix(), realPortNumber);
    listening(l);
  }

  @Override
  StreamTransport newTransport(IoBackend.Stream s) {
    return new StreamTransport(core, s, ipv6, StreamTransport.HIGH_WATER);
  }

  @Override
  IAddress factoryAddress(StreamTransport t) {
    return t.getPeer();
  }

  @Override
  void describe(StreamTransport t, IProtocol p, String prefix, int session) {
    describeAccepted(t, p, prefix, session, realPortNumber);
  }

  /**
   * Names a server-side TCP connection as Twisted's {@code tcp.Server}: {@code <Protocol #3 on
   * 8080>}, log prefix {@code prefix,3,peer-host}.
   *
   * @param t the transport
   * @param p its protocol
   * @param prefix the protocol's log prefix
   * @param session the session number
   * @param portNumber the listening port's number
   */
  public static void describeAccepted(StreamTransport t, IProtocol p, String prefix, int session,
      int portNumber) {
    t.describe("<" + p.getClass().getSimpleName() + " #" + session + " on " + portNumber + ">",
        prefix + "," + session + "," + Addresses.host(t.getPeer()));
  }

  @Override
  void closing() {
    // A listenSSL port is a TCP port with a TLS factory; Twisted's TLS port logs as "TLS".
    LOG.info("({} Port {} Closed)",
        factory instanceof dev.torsion.protocols.tls.TLSMemoryBIOFactory ? "TLS" : "TCP",
        realPortNumber);
    realPortNumber = 0;
  }

  @Override
  public IAddress getHost() {
    IAddress h = host;
    if (h == null) {
      throw new IllegalStateException(this + " has never listened");
    }
    return h;
  }

  @Override
  public String toString() {
    String f = factory.getClass().getSimpleName();
    return isListening() ? "<" + f + " on " + realPortNumber + ">"
        : "<" + f + " (not listening)>";
  }
}
