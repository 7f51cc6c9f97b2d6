package dev.torsion.internet.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.testing.StringTransport.ProducerState;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class StringTransportTest {
  private StringTransport transport = new StringTransport();

  @BeforeMethod
  public void setUp() {
    transport = new StringTransport();
  }

  private static IPushProducer producer() {
    return new IPushProducer() {
      @Override public void pauseProducing() {}
      @Override public void resumeProducing() {}
      @Override public void stopProducing() {}
    };
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_interfaces */
  @Test
  public void providesTransportPushProducerAndConsumer() {
    Object t = new StringTransport();
    assertTrue(t instanceof ITransport);
    assertTrue(t instanceof IPushProducer);
    assertTrue(t instanceof IConsumer);
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_registerProducer */
  @Test
  public void registerProducerRecordsItsArguments() {
    StringTransport t = new StringTransport();
    IPushProducer p = producer();
    t.registerProducer(p, true);
    assertSame(t.producer(), p);
    assertTrue(t.streaming());
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_disallowedRegisterProducer */
  @Test
  public void registeringASecondProducerThrows() {
    StringTransport t = new StringTransport();
    IPushProducer p = producer();
    t.registerProducer(p, true);
    assertThrows(IllegalStateException.class, () -> t.registerProducer(producer(), false));
    assertSame(t.producer(), p);
    assertTrue(t.streaming());
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_unregisterProducer */
  @Test
  public void unregisterForgetsTheProducerSoAnotherCanRegister() {
    StringTransport t = new StringTransport();
    t.registerProducer(producer(), false);
    t.unregisterProducer();
    assertNull(t.producer());
    IPushProducer newer = producer();
    t.registerProducer(newer, true);
    assertSame(t.producer(), newer);
    assertTrue(t.streaming());
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_invalidUnregisterProducer */
  @Test
  public void unregisteringWithNoProducerThrows() {
    assertThrows(IllegalStateException.class, transport::unregisterProducer);
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_initialProducerState */
  @Test
  public void producerStateStartsProducing() {
    assertEquals(transport.producerState(), ProducerState.PRODUCING);
    assertEquals(transport.producerState().toString(), "producing");
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_pauseProducing */
  @Test
  public void pauseProducingMovesToPaused() {
    transport.pauseProducing();
    assertEquals(transport.producerState().toString(), "paused");
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_resumeProducing */
  @Test
  public void resumeProducingMovesBackToProducing() {
    StringTransport t = new StringTransport();
    t.pauseProducing();
    t.resumeProducing();
    assertEquals(t.producerState(), ProducerState.PRODUCING);
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_stopProducing */
  @Test
  public void stopProducingMovesToStopped() {
    StringTransport t = new StringTransport();
    t.stopProducing();
    assertEquals(t.producerState().toString(), "stopped");
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_stoppedTransportCannotPause */
  @Test
  public void aStoppedTransportCannotPause() {
    StringTransport t = new StringTransport();
    t.stopProducing();
    assertThrows(IllegalStateException.class, t::pauseProducing);
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_stoppedTransportCannotResume */
  @Test
  public void aStoppedTransportCannotResume() {
    StringTransport t = new StringTransport();
    t.stopProducing();
    assertThrows(IllegalStateException.class, t::resumeProducing);
  }

  /**
   * twisted.internet.test.test_testing.StringTransportTests.test_disconnectingTransportCannotPause
   */
  @Test
  public void aDisconnectingTransportCannotPause() {
    StringTransport t = new StringTransport();
    t.loseConnection();
    assertThrows(IllegalStateException.class, t::pauseProducing);
  }

  /**
   * twisted.internet.test.test_testing.StringTransportTests.test_disconnectingTransportCannotResume
   */
  @Test
  public void aDisconnectingTransportCannotResume() {
    StringTransport t = new StringTransport();
    t.loseConnection();
    assertThrows(IllegalStateException.class, t::resumeProducing);
  }

  @Test
  public void aLenientTransportResumesAfterLoseConnection() {
    StringTransport t = new StringTransport(null, null, true);
    t.loseConnection();
    t.pauseProducing();
    t.resumeProducing();
    assertEquals(t.producerState(), ProducerState.PRODUCING);
  }

  /**
   * twisted.internet.test.test_testing.StringTransportTests.test_loseConnectionSetsDisconnecting
   */
  @Test
  public void loseConnectionSetsDisconnecting() {
    StringTransport t = new StringTransport();
    assertFalse(t.disconnecting());
    t.loseConnection();
    assertTrue(t.disconnecting());
    assertFalse(t.disconnected());
  }

  @Test
  public void abortConnectionSetsDisconnectedAndDisconnecting() {
    StringTransport t = new StringTransport();
    t.abortConnection();
    assertTrue(t.disconnected());
    assertTrue(t.disconnecting());
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_specifiedHostAddress */
  @Test
  public void aGivenHostAddressIsReturnedByGetHost() {
    IAddress address = new FakeAddress();
    assertSame(new StringTransport(address, null).getHost(), address);
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_specifiedPeerAddress */
  @Test
  public void aGivenPeerAddressIsReturnedByGetPeer() {
    IAddress address = new FakeAddress();
    assertSame(new StringTransport(null, address).getPeer(), address);
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_defaultHostAddress */
  @Test
  public void theDefaultHostAddressIsIPv4() {
    assertEquals(new StringTransport().getHost(), new IPv4Address("TCP", "10.0.0.1", 12345));
  }

  /** twisted.internet.test.test_testing.StringTransportTests.test_defaultPeerAddress */
  @Test
  public void theDefaultPeerAddressIsIPv4() {
    assertEquals(new StringTransport().getPeer(), new IPv4Address("TCP", "192.168.1.1", 54321));
  }

  @Test
  public void valueHoldsWritesInOrderUntilCleared() {
    StringTransport t = new StringTransport();
    t.write("ab".getBytes(US_ASCII));
    t.writeSequence(List.of("c".getBytes(US_ASCII), "de".getBytes(US_ASCII)));
    assertEquals(new String(t.value(), US_ASCII), "abcde");
    t.clear();
    assertEquals(t.value().length, 0);
    t.write("f".getBytes(US_ASCII));
    assertEquals(new String(t.value(), US_ASCII), "f");
  }

  @Test
  public void tcpOptionsAndHalfCloseAreRecorded() {
    StringTransport t = new StringTransport();
    assertFalse(t.getTcpNoDelay());
    t.setTcpNoDelay(true);
    t.setTcpKeepAlive(true);
    t.loseWriteConnection();
    assertTrue(t.getTcpNoDelay());
    assertTrue(t.getTcpKeepAlive());
    assertTrue(t.writeConnectionLost());
    assertFalse(t.disconnecting());
  }

  @Test
  public void withDisconnectionTellsTheProtocolOnceWithConnectionDone() {
    StringTransportWithDisconnection t = new StringTransportWithDisconnection();
    AccumulatingProtocol p = new AccumulatingProtocol();
    t.setProtocol(p);
    p.makeConnection(t);
    assertTrue(p.made());
    assertTrue(t.connected());
    t.loseConnection();
    assertTrue(p.closed());
    assertFalse(t.connected());
    assertTrue(p.closedReason().check(ConnectionDone.class) != null);
    assertEquals(p.closedReason().value().getMessage(), "Bye.");
    AccumulatingProtocol other = new AccumulatingProtocol();
    t.setProtocol(other);
    t.loseConnection();
    assertFalse(other.closed());
  }
}
