package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.NoProtocol;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.FakeConnector;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class WrappingFactoryTest {
  private static final IAddress ADDR = new IPv4Address("TCP", "127.0.0.1", 1);

  /** Records what the wrapper passes through. */
  static class Recording extends Protocol {
    final List<Object> events = new ArrayList<>();

    @Override
    public void dataReceived(byte[] data) {
      events.add(new String(data, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void connectionLost(Failure reason) {
      events.add(reason);
    }

    @Override
    public String logPrefix() {
      return "A-prefix";
    }
  }

  static final class HalfClosing extends Recording implements IHalfCloseableProtocol {
    @Override
    public void readConnectionLost() {
      events.add("read lost");
    }

    @Override
    public void writeConnectionLost() {
      events.add("write lost");
    }
  }

  /** A bare IProtocol, no logging context. */
  static final class Bare implements IProtocol {
    @Override
    public void makeConnection(ITransport transport) {}

    @Override
    public void connectionMade() {}

    @Override
    public void dataReceived(byte[] data) {}

    @Override
    public void connectionLost(Failure reason) {}
  }

  private static Failure failureOf(WrappingFactory wf) {
    List<Object> out = new ArrayList<>();
    wf.onConnection.addBoth(r -> out.add(r));
    return (Failure) out.get(0);
  }

  private static Factory refusing() {
    return new Factory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        return null;
      }
    };
  }

  private static WrappingProtocol wrapped(Recording p) {
    return (WrappingProtocol) new WrappingFactory(Factory.forProtocol(() -> p))
        .buildProtocol(ADDR);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_doStart */
  @Test
  public void doStartPassesThrough() {
    ClientFactory factory = new ClientFactory();
    new WrappingFactory(factory).doStart();
    assertEquals(factory.numPorts(), 1);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_doStop */
  @Test
  public void doStopPassesThrough() {
    ClientFactory factory = new ClientFactory();
    factory.doStart();
    factory.doStart();
    WrappingFactory wf = new WrappingFactory(factory);
    wf.doStart();
    wf.doStop();
    assertEquals(factory.numPorts(), 2);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_failedBuildProtocol */
  @Test
  public void failedBuildProtocolFailsTheDeferred() {
    IllegalStateException boom = new IllegalStateException("My protocol is poorly defined.");
    WrappingFactory wf = new WrappingFactory(new Factory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        throw boom;
      }
    });
    assertNull(wf.buildProtocol(ADDR));
    assertSame(failureOf(wf).value(), boom);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_buildNoneProtocol */
  @Test
  public void nullProtocolFailsWithNoProtocol() {
    WrappingFactory wf = new WrappingFactory(refusing());
    wf.buildProtocol(ADDR);
    assertTrue(failureOf(wf).value() instanceof NoProtocol);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_buildProtocolReturnsNone */
  @Test
  public void nullProtocolBuildsNoWrapper() {
    WrappingFactory wf = new WrappingFactory(refusing());
    wf.onConnection.addErrback(f -> null);
    assertNull(wf.buildProtocol(ADDR));
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_logPrefixPassthrough */
  @Test
  public void logPrefixPassesThrough() {
    assertEquals(wrapped(new Recording()).logPrefix(), "A-prefix");
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_logPrefixDefault */
  @Test
  public void logPrefixDefaultsToClassName() {
    WrappingFactory wf = new WrappingFactory(new dev.torsion.internet.interfaces.IProtocolFactory() {
      @Override
      public IProtocol buildProtocol(IAddress addr) {
        return new Bare();
      }

      @Override
      public void doStart() {}

      @Override
      public void doStop() {}
    });
    assertEquals(((WrappingProtocol) wf.buildProtocol(ADDR)).logPrefix(), "Bare");
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappedProtocolDataReceived */
  @Test
  public void dataReceivedPassesThrough() {
    Recording p = new Recording();
    wrapped(p).dataReceived("foo".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(p.events, List.of("foo"));
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappedProtocolConnectionLost */
  @Test
  public void connectionLostPassesThrough() {
    Recording p = new Recording();
    Failure reason = Protocol.connectionDone();
    wrapped(p).connectionLost(reason);
    assertEquals(p.events, List.of(reason));
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappedProtocolTransport */
  @Test
  public void wrappedProtocolGetsTheTransport() {
    Recording p = new Recording();
    StringTransport t = new StringTransport();
    wrapped(p).makeConnection(t);
    assertSame(p.transport(), t);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappingProtocolHalfCloseable */
  @Test
  public void wrapperIsHalfCloseableWhenWrappedIs() {
    assertTrue(wrapped(new HalfClosing()) instanceof IHalfCloseableProtocol);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappingProtocolNotHalfCloseable */
  @Test
  public void wrapperIsNotHalfCloseableWhenWrappedIsNot() {
    assertFalse(wrapped(new Recording()) instanceof IHalfCloseableProtocol);
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappedProtocolReadConnectionLost */
  @Test
  public void readConnectionLostPassesThrough() {
    HalfClosing p = new HalfClosing();
    ((IHalfCloseableProtocol) wrapped(p)).readConnectionLost();
    assertEquals(p.events, List.of("read lost"));
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_wrappedProtocolWriteConnectionLost */
  @Test
  public void writeConnectionLostPassesThrough() {
    HalfClosing p = new HalfClosing();
    ((IHalfCloseableProtocol) wrapped(p)).writeConnectionLost();
    assertEquals(p.events, List.of("write lost"));
  }

  /** twisted.internet.test.test_endpoints.WrappingFactoryTests.test_clientConnectionFailed */
  @Test
  public void clientConnectionFailedFailsTheDeferred() {
    WrappingFactory wf = new WrappingFactory(new Factory());
    Failure reason = new Failure(new ConnectionRefusedError());
    wf.clientConnectionFailed(new FakeConnector(ADDR), reason);
    assertSame(failureOf(wf), reason);
  }
}
