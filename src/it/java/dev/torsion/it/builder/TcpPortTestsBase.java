package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.Addresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The bodies of Twisted's {@code TCPPortTestsMixin} and {@code StreamTransportTestsMixin}, run
 * over {@code listenTCP} by {@link TCPPortTestsBuilderIT} and over {@code adoptStreamPort} by
 * {@link TCPFDPortTestsBuilderIT}.
 *
 * <p>The tests live here once; TestNG runs them under each concrete class's name, which is the
 * name the Failsafe reports (and so the conformance manifest) use. Each test's Javadoc names
 * the Twisted id it checks for every concrete class, one line each.
 */
public abstract class TcpPortTestsBase extends TcpBuilder {
  /**
   * A listening port on {@code iface} ("" for every IPv4 address) and {@code port}.
   *
   * @param reactor the reactor
   * @param factory the factory
   * @param port the port number, 0 for any
   * @param iface the interface
   * @return the port, listening
   */
  protected abstract IListeningPort getListeningPort(Reactor reactor, IProtocolFactory factory,
      int port, String iface);

  /**
   * Whether the ports are adopted ({@code adoptStreamPort}) rather than opened by the reactor.
   *
   * @return the flavour, for {@link ClosePeerOnEmfileMain}
   */
  protected abstract boolean adopting();

  private static ServerFactory serverFactory() {
    ServerFactory f = new ServerFactory();
    f.setNoisy(false);
    return f;
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv4
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv4
   */
  @Test
  public void portGetHostOnIPv4() {
    Reactor reactor = buildReactor();
    IListeningPort port = getListeningPort(reactor, serverFactory(), 0, "");
    assertTrue(port.getHost() instanceof IPv4Address, String.valueOf(port.getHost()));
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv6
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv6
   */
  @Test
  public void portGetHostOnIPv6() {
    Reactor reactor = buildReactor();
    int portNumber = Addresses.findFreePort(V6);
    IListeningPort port = getListeningPort(reactor, serverFactory(), portNumber, V6);
    IAddress address = port.getHost();
    assertTrue(address instanceof IPv6Address, String.valueOf(address));
    assertEquals(Addresses.hostOf(address), "::1");
    assertEquals(Addresses.portOf(address), portNumber);
  }

  /**
   * Connects a raw client socket to a port on {@code iface} and runs the reactor until
   * {@code observe} has seen the connection on the server side.
   */
  private <T> T observeConnection(String iface, Function<SocketChannel, IAddress> clientSide,
      Observer<T> observe, List<IAddress> expected) {
    Reactor reactor = buildReactor();
    AtomicReference<@Nullable T> seen = new AtomicReference<>();
    IProtocolFactory factory = observe.factory(reactor, seen);
    IListeningPort port = getListeningPort(reactor, factory, 0, iface);
    try (SocketChannel client = SocketChannel.open(iface.contains(":")
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
      client.configureBlocking(false);
      client.connect(new InetSocketAddress(InetAddress.getByName(
          Addresses.hostOf(port.getHost())), Addresses.portOf(port.getHost())));
      run(reactor);
      // The server saw the connection, so it is established: finishing does not wait.
      if (!client.finishConnect()) {
        throw new AssertionError("the client socket is not connected yet");
      }
      expected.add(clientSide.apply(client));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    T result = seen.get();
    if (result == null) {
      throw new AssertionError("the server never saw the connection");
    }
    return result;
  }

  /** Builds a factory recording what the server sees, then stopping the reactor. */
  @FunctionalInterface
  private interface Observer<T> {
    IProtocolFactory factory(Reactor reactor, AtomicReference<@Nullable T> seen);
  }

  private static IAddress tcpAddress(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    int scope = host.indexOf('%');
    if (scope >= 0) {
      host = host.substring(0, scope);
    }
    if (a.getAddress() instanceof java.net.Inet6Address) {
      return new IPv6Address("TCP", host.equals("0:0:0:0:0:0:0:1") ? "::1" : host, a.getPort());
    }
    return new IPv4Address("TCP", host, a.getPort());
  }

  private static IAddress local(SocketChannel c) {
    try {
      return tcpAddress((InetSocketAddress) c.getLocalAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IAddress remote(SocketChannel c) {
    try {
      return tcpAddress((InetSocketAddress) c.getRemoteAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Observer<IAddress> buildProtocolAddress() {
    return (reactor, seen) -> new ServerFactory() {
      {
        setNoisy(false);
      }

      @Override
      public Protocol buildProtocol(IAddress address) {
        stopQuietly(reactor);
        seen.set(address);
        return new Protocol();
      }
    };
  }

  private static Observer<IAddress> serverTransportAddress(boolean host) {
    return (reactor, seen) -> {
      ServerFactory f = serverFactory();
      f.setProtocol(() -> new Protocol() {
        @Override
        public void makeConnection(ITransport transport) {
          stopQuietly(reactor);
          seen.set(host ? transport.getHost() : transport.getPeer());
        }
      });
      return f;
    };
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv4Address
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv4Address
   */
  @Test
  public void buildProtocolIPv4Address() {
    buildProtocolAddress(V4);
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv6Address
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv6Address
   */
  @Test
  public void buildProtocolIPv6Address() {
    buildProtocolAddress(V6);
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv4
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv4
   */
  @Test
  public void serverGetHostOnIPv4() {
    serverGetHost(V4);
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv6
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv6
   */
  @Test
  public void serverGetHostOnIPv6() {
    serverGetHost(V6);
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv4
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv4
   */
  @Test
  public void serverGetPeerOnIPv4() {
    serverGetPeer(V4);
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv6
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv6
   */
  @Test
  public void serverGetPeerOnIPv6() {
    serverGetPeer(V6);
  }

  private void buildProtocolAddress(String iface) {
    List<IAddress> expected = new java.util.ArrayList<>();
    IAddress observed = observeConnection(iface, TcpPortTestsBase::local,
        buildProtocolAddress(), expected);
    assertEquals(observed, expected.get(0));
  }

  private void serverGetHost(String iface) {
    List<IAddress> expected = new java.util.ArrayList<>();
    IAddress observed = observeConnection(iface, TcpPortTestsBase::remote,
        serverTransportAddress(true), expected);
    assertEquals(observed, expected.get(0));
  }

  private void serverGetPeer(String iface) {
    List<IAddress> expected = new java.util.ArrayList<>();
    IAddress observed = observeConnection(iface, TcpPortTestsBase::local,
        serverTransportAddress(false), expected);
    assertEquals(observed, expected.get(0));
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_startedListeningLogMessage
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_startedListeningLogMessage
   */
  @Test
  public void startedListeningLogMessage() {
    checkStartedListeningLogMessage((reactor, f) -> getListeningPort(reactor, f, 0, V4), "");
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_connectionLostLogMsg
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_connectionLostLogMsg
   */
  @Test
  public void connectionLostLogMsg() {
    checkConnectionLostLogMsg(reactor -> getListeningPort(reactor, serverFactory(), 0, V4), "TCP");
  }

  /**
   * twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_closePeerOnEMFILE
   * twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_closePeerOnEMFILE
   */
  @Test
  // The child's peer is an adopted channel, connected before the descriptors run out.
  @Requires({Facet.ACCEPT_ON_LOOP_TURN, Facet.ADOPTION})
  public void closePeerOnEMFILE() {
    ClosePeerOnEmfileMain.assertPeerClosedOnEMFILE(ClosePeerOnEmfileMain.class,
        adopting() ? "adopt" : "listen");
  }
}
