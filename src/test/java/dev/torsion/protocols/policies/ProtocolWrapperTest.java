package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.ADDR;
import static dev.torsion.protocols.policies.Helpers.b;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.internet.testing.StringTransportWithDisconnection;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** {@link ProtocolWrapper} and {@link WrappingFactory}. */
public class ProtocolWrapperTest {
  private static ProtocolWrapper connectedWrapper() {
    ProtocolWrapper wrapper =
        new ProtocolWrapper(new WrappingFactory(new Helpers.Server()), new Protocol());
    wrapper.makeConnection(new StringTransport());
    return wrapper;
  }

  /** A factory with no log prefix of its own. */
  static final class NoFactory implements IProtocolFactory {
    @Override
    public @Nullable IProtocol buildProtocol(IAddress addr) {
      return new NoProtocol();
    }

    @Override
    public void doStart() {}

    @Override
    public void doStop() {}
  }

  /** A protocol with no log prefix of its own. */
  static final class NoProtocol implements IProtocol {
    @Override
    public void makeConnection(ITransport transport) {}

    @Override
    public void connectionMade() {}

    @Override
    public void dataReceived(byte[] data) {}

    @Override
    public void connectionLost(Failure reason) {}
  }

  /** twisted.test.test_policies.WrapperTests.test_protocolFactoryAttribute */
  @Test
  public void wrappedProtocolsFactoryIsTheWrappedFactory() {
    Helpers.Server f = new Helpers.Server();
    WrappingFactory wf = new WrappingFactory(f);
    ProtocolWrapper p = wf.buildProtocol(ADDR);
    assertNotNull(p);
    assertSame(((Protocol) p.wrappedProtocol()).factory(), f);
    assertSame(p.factory(), wf);
  }

  /** twisted.test.test_policies.WrapperTests.test_transportInterfaces */
  @Test
  public void wrapperGivenToTheWrappedProtocolIsATcpTransportForwardingToTheRealOne() {
    Protocol proto = new Protocol();
    ProtocolWrapper wrapper = new ProtocolWrapper(new WrappingFactory(new NoFactory()), proto);
    StringTransport transport = new StringTransport();
    wrapper.makeConnection(transport);
    assertTrue(proto.transport() instanceof ITCPTransport);
    ITCPTransport t = (ITCPTransport) proto.transport();
    t.setTcpNoDelay(true);
    assertTrue(transport.getTcpNoDelay());
    t.loseWriteConnection();
    assertTrue(transport.writeConnectionLost());
    t.abortConnection();
    assertTrue(transport.disconnecting());
  }

  @Test
  public void tcpOnlyCallsOnAPlainTransportAreUnsupported() {
    ProtocolWrapper wrapper =
        new ProtocolWrapper(new WrappingFactory(new NoFactory()), new Protocol());
    wrapper.makeConnection(new PlainTransport());
    expectThrows(UnsupportedOperationException.class, wrapper::abortConnection);
    expectThrows(UnsupportedOperationException.class, () -> wrapper.setTcpKeepAlive(true));
  }

  /** A transport that is not an ITCPTransport. */
  static final class PlainTransport implements ITransport {
    final List<String> calls = new ArrayList<>();

    @Override
    public void write(byte[] data) {
      calls.add("write");
    }

    @Override
    public void writeSequence(Iterable<byte[]> data) {
      calls.add("writeSequence");
    }

    @Override
    public void loseConnection() {
      calls.add("loseConnection");
    }

    @Override
    public IAddress getPeer() {
      return ADDR;
    }

    @Override
    public IAddress getHost() {
      return ADDR;
    }

    @Override
    public void registerProducer(dev.torsion.internet.interfaces.IProducer producer,
        boolean streaming) {}

    @Override
    public void unregisterProducer() {}

    @Override
    public void pauseProducing() {
      calls.add("pause");
    }

    @Override
    public void resumeProducing() {
      calls.add("resume");
    }

    @Override
    public void stopProducing() {
      calls.add("stop");
    }
  }

  @Test
  public void producerCallsAndWritesAreForwarded() {
    ProtocolWrapper wrapper =
        new ProtocolWrapper(new WrappingFactory(new NoFactory()), new Protocol());
    PlainTransport t = new PlainTransport();
    wrapper.makeConnection(t);
    wrapper.write(b("x"));
    wrapper.writeSequence(List.of(b("y")));
    wrapper.pauseProducing();
    wrapper.resumeProducing();
    wrapper.stopProducing();
    assertFalse(wrapper.disconnecting());
    wrapper.loseConnection();
    assertTrue(wrapper.disconnecting());
    assertEquals(t.calls,
        List.of("write", "writeSequence", "pause", "resume", "stop", "loseConnection"));
  }

  /** twisted.test.test_policies.WrapperTests.test_factoryLogPrefix */
  @Test
  public void factoryLogPrefixNamesBothFactories() {
    assertEquals(new WrappingFactory(new Helpers.Server()).logPrefix(),
        "Server (WrappingFactory)");
  }

  /** twisted.test.test_policies.WrapperTests.test_factoryLogPrefixFallback */
  @Test
  public void factoryLogPrefixFallsBackToTheClassName() {
    assertEquals(new WrappingFactory(new NoFactory()).logPrefix(), "NoFactory (WrappingFactory)");
  }

  /** twisted.test.test_policies.WrapperTests.test_protocolLogPrefix */
  @Test
  public void protocolLogPrefixNamesBothProtocols() {
    ProtocolWrapper p = new WrappingFactory(new Helpers.Server()).buildProtocol(ADDR);
    assertNotNull(p);
    assertEquals(p.logPrefix(), "EchoProtocol (ProtocolWrapper)");
  }

  /** twisted.test.test_policies.WrapperTests.test_protocolLogPrefixFallback */
  @Test
  public void protocolLogPrefixFallsBackToTheClassName() {
    ProtocolWrapper p = new WrappingFactory(new NoFactory()).buildProtocol(ADDR);
    assertNotNull(p);
    assertEquals(p.logPrefix(), "NoProtocol (ProtocolWrapper)");
  }

  /** twisted.test.test_policies.WrapperTests.test_getHost */
  @Test
  public void getHostIsTheTransports() {
    IPv4Address host = new IPv4Address("TCP", "10.0.0.1", 1);
    ProtocolWrapper w = new ProtocolWrapper(new WrappingFactory(new NoFactory()), new Protocol());
    w.makeConnection(new StringTransport(host, ADDR));
    assertEquals(w.getHost(), host);
    assertEquals(w.getHost(), w.transport().getHost());
  }

  /** twisted.test.test_policies.WrapperTests.test_getPeer */
  @Test
  public void getPeerIsTheTransports() {
    IPv4Address peer = new IPv4Address("TCP", "10.0.0.2", 2);
    ProtocolWrapper w = new ProtocolWrapper(new WrappingFactory(new NoFactory()), new Protocol());
    w.makeConnection(new StringTransport(ADDR, peer));
    assertEquals(w.getPeer(), peer);
    assertEquals(w.getPeer(), w.transport().getPeer());
  }

  /** twisted.test.test_policies.WrapperTests.test_registerProducer */
  @Test
  public void registerProducerReachesTheTransport() {
    ProtocolWrapper wrapper = connectedWrapper();
    IPushProducer producer = new Helpers.EchoProtocol();
    wrapper.registerProducer(producer, true);
    StringTransport t = (StringTransport) wrapper.transport();
    assertSame(t.producer(), producer);
    assertTrue(t.streaming());
  }

  /** twisted.test.test_policies.WrapperTests.test_unregisterProducer */
  @Test
  public void unregisterProducerReachesTheTransport() {
    ProtocolWrapper wrapper = connectedWrapper();
    wrapper.registerProducer(new Helpers.EchoProtocol(), true);
    wrapper.unregisterProducer();
    StringTransport t = (StringTransport) wrapper.transport();
    assertNull(t.producer());
    assertFalse(t.streaming());
  }

  /** twisted.test.test_policies.WrapperTests.test_stopConsuming */
  @Test
  public void stopConsumingReachesTheTransport() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
      @Override
      public void close() {
        write('!');
      }
    };
    ProtocolWrapper wrapper =
        new ProtocolWrapper(new WrappingFactory(new NoFactory()), new Protocol());
    wrapper.makeConnection(new dev.torsion.internet.protocol.FileWrapper(out));
    wrapper.registerProducer(new Helpers.EchoProtocol(), true);
    wrapper.stopConsuming();
    assertEquals(out.toByteArray(), b("!"));
    // The stream is closed, and the producer gone: registering another is allowed.
    wrapper.registerProducer(new Helpers.EchoProtocol(), true);

    ProtocolWrapper other = connectedWrapper();
    other.registerProducer(new Helpers.EchoProtocol(), true);
    other.stopConsuming();
    StringTransport t = (StringTransport) other.transport();
    assertNull(t.producer());
    assertTrue(t.disconnecting());
  }

  /** A client factory recording its callbacks. */
  static final class RecordingClientFactory extends ClientFactory {
    final List<Object> result = new ArrayList<>();

    @Override
    public void startedConnecting(dev.torsion.internet.interfaces.IConnector connector) {
      result.add(connector);
    }

    @Override
    public void clientConnectionFailed(dev.torsion.internet.interfaces.IConnector connector,
        Failure reason) {
      result.add(List.of(connector, reason));
    }

    @Override
    public void clientConnectionLost(dev.torsion.internet.interfaces.IConnector connector,
        Failure reason) {
      result.add(List.of(connector, reason));
    }
  }

  /** twisted.test.test_policies.WrapperTests.test_startedConnecting */
  @Test
  public void startedConnectingIsForwarded() {
    RecordingClientFactory f = new RecordingClientFactory();
    FakeConnector connector = new FakeConnector(ADDR);
    new WrappingFactory(f).startedConnecting(connector);
    assertEquals(f.result, List.of(connector));
  }

  /** twisted.test.test_policies.WrapperTests.test_clientConnectionLost */
  @Test
  public void clientConnectionLostIsForwarded() {
    RecordingClientFactory f = new RecordingClientFactory();
    FakeConnector connector = new FakeConnector(ADDR);
    Failure reason = Protocol.connectionDone();
    new WrappingFactory(f).clientConnectionLost(connector, reason);
    assertEquals(f.result, List.of(List.of(connector, reason)));
  }

  /** twisted.test.test_policies.WrapperTests.test_clientConnectionFailed */
  @Test
  public void clientConnectionFailedIsForwarded() {
    RecordingClientFactory f = new RecordingClientFactory();
    FakeConnector connector = new FakeConnector(ADDR);
    Failure reason = new Failure(new RuntimeException("refused"));
    new WrappingFactory(f).clientConnectionFailed(connector, reason);
    assertEquals(f.result, List.of(List.of(connector, reason)));
  }

  /** twisted.test.test_policies.WrapperTests.test_breakReferenceCycle */
  @Test
  public void connectionLostForgetsTheWrappedProtocol() {
    Helpers.SimpleProtocol inner = new Helpers.SimpleProtocol();
    WrappingFactory factory = new WrappingFactory(new Helpers.Server());
    ProtocolWrapper wrapper = new ProtocolWrapper(factory, inner);
    StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
    transport.setProtocol(wrapper);
    wrapper.makeConnection(transport);
    assertNotNull(wrapper.wrappedProtocol());
    assertEquals(factory.protocols(), java.util.Set.of(wrapper));
    transport.loseConnection();
    assertNull(wrapper.wrappedProtocol());
    assertTrue(inner.disconnected);
    assertTrue(factory.protocols().isEmpty());
    assertEquals(wrapper.logPrefix(), "SimpleProtocol (ProtocolWrapper)");
    expectThrows(IllegalStateException.class, () -> wrapper.dataReceived(b("late")));
  }

  @Test
  public void dataAndConnectionGoThroughToTheWrappedProtocol() {
    WrappingFactory factory = new WrappingFactory(new Helpers.Server());
    ProtocolWrapper wrapper = factory.buildProtocol(ADDR);
    assertNotNull(wrapper);
    StringTransport t = new StringTransport();
    wrapper.makeConnection(t);
    Protocol inner = (Protocol) wrapper.wrappedProtocol();
    assertSame(inner.transport(), wrapper);
    assertTrue(inner.connected());
    wrapper.dataReceived(b("hello"));
    assertEquals(t.value(), b("hello"));
  }

  /** A half-closeable protocol recording the half-close events. */
  static final class HalfClose extends Protocol implements IHalfCloseableProtocol {
    final List<String> events = new ArrayList<>();

    @Override
    public void readConnectionLost() {
      events.add("read");
    }

    @Override
    public void writeConnectionLost() {
      events.add("write");
    }
  }

  @Test
  public void halfCloseEventsReachAHalfCloseableProtocol() {
    HalfClose inner = new HalfClose();
    ProtocolWrapper wrapper = new ProtocolWrapper(new WrappingFactory(new NoFactory()), inner);
    StringTransport t = new StringTransport();
    wrapper.makeConnection(t);
    wrapper.readConnectionLost();
    wrapper.writeConnectionLost();
    assertEquals(inner.events, List.of("read", "write"));
    assertFalse(t.disconnecting());
  }

  @Test
  public void endOfInputClosesTheConnectionOfAProtocolThatCannotHalfClose() {
    ProtocolWrapper wrapper =
        new ProtocolWrapper(new WrappingFactory(new NoFactory()), new Protocol());
    StringTransport t = new StringTransport();
    wrapper.makeConnection(t);
    wrapper.writeConnectionLost();
    assertFalse(t.disconnecting());
    wrapper.readConnectionLost();
    assertTrue(t.disconnecting());
  }

  @Test
  public void refusedConnectionIsNotWrapped() {
    IProtocolFactory refusing = new IProtocolFactory() {
      @Override
      public @Nullable IProtocol buildProtocol(IAddress addr) {
        return null;
      }

      @Override
      public void doStart() {}

      @Override
      public void doStop() {}
    };
    assertNull(new WrappingFactory(refusing).buildProtocol(ADDR));
  }

  @Test
  public void startingAndStoppingReachTheWrappedFactory() {
    Helpers.Server server = new Helpers.Server();
    WrappingFactory wf = new WrappingFactory(server);
    wf.doStart();
    assertEquals(server.numPorts(), 1);
    wf.doStart();
    wf.doStop();
    assertEquals(server.numPorts(), 1);
    wf.doStop();
    assertEquals(server.numPorts(), 0);
  }
}
