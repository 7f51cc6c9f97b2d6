package dev.torsion.it.builder;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import org.testng.annotations.Test;

/**
 * Twisted's {@code TCPFDPortTestsBuilder}: ports adopted with {@code adoptStreamPort} (Twisted
 * adopts a listening descriptor; Java, a {@code ServerSocketChannel}).
 */
public class TCPFDPortTestsBuilderIT extends TcpPortTestsBase {
  @Override
  protected IListeningPort getListeningPort(Reactor reactor, IProtocolFactory factory, int port,
      String iface) {
    boolean v6 = iface.contains(":");
    try {
      ServerSocketChannel ch = ServerSocketChannel.open(
          v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      ch.bind(iface.isEmpty() ? new InetSocketAddress(port)
          : new InetSocketAddress(InetAddress.getByName(iface), port), 3);
      ch.configureBlocking(false);
      return reactor.adoptStreamPort(ch, factory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected boolean adopting() {
    return true;
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv4Address */
  @Test
  public void buildProtocolIPv4Address() {
    buildProtocolAddress(V4);
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv6Address */
  @Test
  public void buildProtocolIPv6Address() {
    buildProtocolAddress(V6);
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_closePeerOnEMFILE */
  @Test
  public void closePeerOnEMFILE() {
    checkClosePeerOnEMFILE();
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_connectionLostLogMsg */
  @Test
  public void connectionLostLogMsg() {
    checkConnectionLostLogMsg();
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv4 */
  @Test
  public void portGetHostOnIPv4() {
    checkPortGetHostOnIPv4();
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv6 */
  @Test
  public void portGetHostOnIPv6() {
    checkPortGetHostOnIPv6();
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv4 */
  @Test
  public void serverGetHostOnIPv4() {
    serverGetHost(V4);
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv6 */
  @Test
  public void serverGetHostOnIPv6() {
    serverGetHost(V6);
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv4 */
  @Test
  public void serverGetPeerOnIPv4() {
    serverGetPeer(V4);
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv6 */
  @Test
  public void serverGetPeerOnIPv6() {
    serverGetPeer(V6);
  }

  /** twisted.internet.test.test_tcp.TCPFDPortTestsBuilder_EPollReactorTests.test_startedListeningLogMessage */
  @Test
  public void startedListeningLogMessage() {
    checkStartedListeningLogMessage();
  }
}
