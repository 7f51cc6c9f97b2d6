package dev.torsion.internal.reactor;

import dev.torsion.internal.transport.Addresses;
import dev.torsion.internal.transport.DescriptorReservation;
import dev.torsion.internal.transport.StreamPort;
import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internal.transport.TcpConnector;
import dev.torsion.internal.transport.UnixConnector;
import dev.torsion.internal.transport.UnixPort;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reactor's stream-socket facets, TCP and UNIX: builds the shared ports, connectors and
 * transports of {@code dev.torsion.internal.transport} over whatever backend the reactor holds.
 */
public final class TcpLayer {
  private final LoopCore core;
  private final IoBackend backend;
  /** One descriptor kept for EMFILE recovery, shared by every port, as Twisted's. */
  private final DescriptorReservation reservation = DescriptorReservation.forPlatform();

  TcpLayer(LoopCore core, IoBackend backend) {
    this.core = core;
    this.backend = backend;
  }

  /** The reactor has stopped: give the reserved descriptor back. */
  void close() {
    reservation.dispose();
  }

  /**
   * Refuses to listen on a stopped reactor: its backend is closed (or closes as the loop
   * leaves), nothing would ever accept, and nothing would close the socket or the reserve.
   */
  private void checkMayListen(String where) {
    if (core.state() == LoopCore.State.STOPPED) {
      throw new CannotListenError(where + ": reactor stopped", stoppedError());
    }
  }

  /** As {@link #checkMayListen}, for connecting: Twisted would start an attempt never run. */
  private void checkMayConnect(String where) {
    if (core.state() == LoopCore.State.STOPPED) {
      throw new ConnectError("cannot connect to " + where + ": reactor stopped", stoppedError());
    }
  }

  private static ReactorNotRunning stoppedError() {
    return new ReactorNotRunning("reactor stopped");
  }

  IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(iface, "iface");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, not " + port);
    }
    checkMayListen(iface + ":" + port);
    reservation.reserve();
    StreamPort p = new StreamPort(core, factory, port, backlog, iface, reservation);
    p.startListening();
    return p;
  }

  IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(factory, "factory");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, not " + port);
    }
    checkMayConnect(host + ":" + port);
    TcpConnector c = new TcpConnector(core, host, port, factory, timeout, bindAddress);
    c.connect();
    return c;
  }

  IListeningPort adoptStreamPort(ServerSocketChannel channel, IProtocolFactory factory) {
    if (core.state() == LoopCore.State.STOPPED) {
      closeQuietly(channel); // it was handed over to the reactor: nobody else will close it
      checkMayListen(String.valueOf(channel));
    }
    reservation.reserve();
    StreamPort p = StreamPort.adopting(core, factory, channel, reservation);
    p.startListening();
    return p;
  }

  void adoptStreamConnection(SocketChannel channel, IProtocolFactory factory) {
    Objects.requireNonNull(factory, "factory");
    if (core.state() == LoopCore.State.STOPPED) {
      closeQuietly(channel);
      checkMayConnect(String.valueOf(channel));
    }
    if (!channel.isConnected()) {
      closeQuietly(channel);
      throw new IllegalArgumentException("cannot adopt " + channel + ": it is not connected");
    }
    IoBackend.Stream s;
    try {
      s = backend.adoptStream(channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot adopt " + channel, e);
    }
    StreamTransport t;
    IProtocol p;
    try {
      t = new StreamTransport(core, s, Addresses.isIPv6(s.localAddress()),
          StreamTransport.HIGH_WATER);
      p = factory.buildProtocol(t.getPeer());
    } catch (RuntimeException | Error e) {
      // The reactor owns the channel now: close it so the peer hears, then tell the caller.
      s.close(false);
      throw e;
    }
    if (p == null) {
      s.close(false);
      return;
    }
    // As Twisted's Server._fromConnectedSocket: the session number is the peer's port.
    int session = s.remoteAddress().getPort();
    String prefix = p instanceof ILoggingContext c ? c.logPrefix() : p.getClass().getSimpleName();
    StreamPort.describeAccepted(t, p, prefix, session, s.localAddress().getPort());
    t.begin(p);
  }

  IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode,
      boolean wantPID) {
    Objects.requireNonNull(factory, "factory");
    Path path = unixPath(address);
    checkMayListen("'" + address + "'");
    UnixPort p = new UnixPort(core, factory, path, backlog, mode, wantPID,
        reservation);
    p.startListening();
    return p;
  }

  IConnector connectUNIX(String address, ClientFactory factory, double timeout,
      boolean checkPID) {
    Objects.requireNonNull(factory, "factory");
    Path path = unixPath(address);
    checkMayConnect("'" + address + "'");
    UnixConnector c = new UnixConnector(core, path, factory, timeout, checkPID);
    c.connect();
    return c;
  }

  /** A socket file's path; Linux's abstract namespace (a leading NUL) the JDK cannot reach. */
  private static Path unixPath(String address) {
    Objects.requireNonNull(address, "address");
    if (address.isEmpty()) {
      throw new IllegalArgumentException("a UNIX socket address must name a file");
    }
    if (address.charAt(0) == '\0') {
      throw new IllegalArgumentException(
          "abstract-namespace UNIX sockets (a leading NUL) are not supported");
    }
    return Path.of(address);
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing more to do with a socket we were refusing anyway.
    }
  }
}
