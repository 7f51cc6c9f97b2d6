package dev.torsion.internet.endpoints;

import static dev.torsion.internet.endpoints.HostnameEndpointTest.failure;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.results;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.testing.ConnectionCompleter;
import dev.torsion.internet.testing.IOPump;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.protocols.basic.NetstringReceiver;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.protocols.policies.WrappingFactory;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class WrapperClientEndpointTest {
  /** Upper-cases what passes through it, both ways (Twisted's UppercaseWrapperProtocol). */
  static final class UppercaseWrapperProtocol extends ProtocolWrapper {
    UppercaseWrapperProtocol(WrappingFactory factory, IProtocol wrapped) {
      super(factory, wrapped);
    }

    private static byte[] upper(byte[] data) {
      return new String(data, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)
          .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void dataReceived(byte[] data) {
      super.dataReceived(upper(data));
    }

    @Override
    public void write(byte[] data) {
      super.write(upper(data));
    }
  }

  /** Keeps the strings it receives (Twisted's NetstringTracker). */
  static final class NetstringTracker extends NetstringReceiver {
    final List<String> strings = new ArrayList<>();

    @Override
    public void stringReceived(byte[] string) {
      strings.add(new String(string, StandardCharsets.ISO_8859_1));
    }
  }

  /** Keeps what it receives. */
  static final class Recorder extends Protocol {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @Override
    public void dataReceived(byte[] data) {
      received.writeBytes(data);
    }
  }

  private MemoryReactor reactor;
  private ConnectionCompleter completer;
  private WrapperClientEndpoint wrapper;

  @BeforeMethod
  public void setUp() {
    reactor = new MemoryReactor();
    reactor.listenTCP(4321, Factory.forProtocol(Recorder::new));
    completer = new ConnectionCompleter(reactor);
    wrapper = new WrapperClientEndpoint(new TCP4ClientEndpoint(reactor, "127.0.0.1", 4321),
        f -> new WrappingFactory(f) {
          @Override
          protected ProtocolWrapper wrapProtocol(IProtocol wrapped) {
            return new UppercaseWrapperProtocol(this, wrapped);
          }
        });
  }

  private NetstringTracker connected(List<Object> got) {
    assertEquals(got.size(), 1, got.toString());
    return (NetstringTracker) got.get(0);
  }

  /** twisted.internet.test.test_endpoints.WrapperClientEndpointTests.test_wrappingBehavior */
  @Test
  public void wrapperSeesTheDataFirst() {
    List<Object> got = results(wrapper.connect(Factory.forProtocol(NetstringTracker::new)));
    IOPump pump = completer.succeedOnce();
    NetstringTracker proto = connected(got);
    ((Protocol) pump.server()).transport().write("5:hello,".getBytes(StandardCharsets.US_ASCII));
    pump.flush();
    assertEquals(proto.strings, List.of("HELLO"));
  }

  /** twisted.internet.test.test_endpoints.WrapperClientEndpointTests.test_methodsAvailable */
  @Test
  public void firesWithTheUsersProtocol() {
    List<Object> got = results(wrapper.connect(Factory.forProtocol(NetstringTracker::new)));
    IOPump pump = completer.succeedOnce();
    connected(got).sendString("spam".getBytes(StandardCharsets.US_ASCII));
    pump.flush();
    assertEquals(((Recorder) pump.server()).received.toString(StandardCharsets.US_ASCII),
        "4:SPAM,");
  }

  /** twisted.internet.test.test_endpoints.WrapperClientEndpointTests.test_connectionFailure */
  @Test
  public void connectionFailurePropagates() {
    List<Object> got = results(wrapper.connect(Factory.forProtocol(NetstringTracker::new)));
    assertTrue(got.isEmpty());
    IllegalStateException boom = new IllegalStateException("FakeError");
    completer.failOnce(new Failure(boom));
    assertSame(failure(got), boom);
  }

  /** twisted.internet.test.test_endpoints.WrapperClientEndpointTests.test_connectionCancellation */
  @Test
  public void cancellationPropagates() {
    Deferred<IProtocol> d = wrapper.connect(Factory.forProtocol(NetstringTracker::new));
    List<Object> got = results(d);
    assertTrue(got.isEmpty());
    d.cancel();
    assertTrue(failure(got) instanceof ConnectingCancelledError);
    assertTrue(reactor.connectors().get(0).stoppedConnecting());
  }

  /** twisted.internet.test.test_endpoints.WrapperClientEndpointTests.test_transportOfTransportOfWrappedProtocol */
  @Test
  public void wrappedProtocolsTransportIsTheWrapperOverTheRealTransport() {
    List<Object> got = results(wrapper.connect(Factory.forProtocol(NetstringTracker::new)));
    IOPump pump = completer.succeedOnce();
    NetstringTracker proto = connected(got);
    ProtocolWrapper w = (ProtocolWrapper) proto.transport();
    assertSame(w.transport(), pump.clientIO());
  }

  @Test
  public void aFactoryBuildingNoWrapperFailsClearly() {
    WrapperClientEndpoint bad = new WrapperClientEndpoint(
        new TCP4ClientEndpoint(reactor, "127.0.0.1", 4321), f -> f);
    List<Object> got = results(bad.connect(Factory.forProtocol(NetstringTracker::new)));
    completer.succeedOnce();
    Throwable e = failure(got);
    assertTrue(e.getMessage().contains("not a ProtocolWrapper"), e.getMessage());
  }
}
