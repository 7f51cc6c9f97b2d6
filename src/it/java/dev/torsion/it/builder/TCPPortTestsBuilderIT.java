package dev.torsion.it.builder;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.Reactor;
import org.testng.annotations.Test;

/**
 * Twisted's {@code TCPPortTestsBuilder}: ports opened by {@code listenTCP}.
 */
public class TCPPortTestsBuilderIT extends TcpPortTestsBase {
  @Override
  protected IListeningPort getListeningPort(Reactor reactor, IProtocolFactory factory, int port,
      String iface) {
    return reactor.listenTCP(port, factory, iface);
  }

  @Override
  protected boolean adopting() {
    return false;
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv4Address */
  @Test
  public void buildProtocolIPv4Address() {
    buildProtocolAddress(V4);
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_buildProtocolIPv6Address */
  @Test
  public void buildProtocolIPv6Address() {
    buildProtocolAddress(V6);
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_closePeerOnEMFILE */
  @Test
  public void closePeerOnEMFILE() {
    checkClosePeerOnEMFILE();
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_connectionLostLogMsg */
  @Test
  public void connectionLostLogMsg() {
    checkConnectionLostLogMsg();
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv4 */
  @Test
  public void portGetHostOnIPv4() {
    checkPortGetHostOnIPv4();
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_portGetHostOnIPv6 */
  @Test
  public void portGetHostOnIPv6() {
    checkPortGetHostOnIPv6();
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv4 */
  @Test
  public void serverGetHostOnIPv4() {
    serverGetHost(V4);
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetHostOnIPv6 */
  @Test
  public void serverGetHostOnIPv6() {
    serverGetHost(V6);
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv4 */
  @Test
  public void serverGetPeerOnIPv4() {
    serverGetPeer(V4);
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_serverGetPeerOnIPv6 */
  @Test
  public void serverGetPeerOnIPv6() {
    serverGetPeer(V6);
  }

  /** twisted.internet.test.test_tcp.TCPPortTestsBuilder_EPollReactorTests.test_startedListeningLogMessage */
  @Test
  public void startedListeningLogMessage() {
    checkStartedListeningLogMessage();
  }
}
