package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The review of the listening port: no error from user code while serving one accepted
 * connection may escape the accept loop, where the backend's dispatch would cancel the port's
 * key and leave it deaf, with the accepted socket leaked.
 */
public class StreamPortReviewTest {
  private final FakeBackend backend = new FakeBackend();
  private final LoopCore core = new LoopCore(backend);

  private StreamPort listening(ServerFactory f) {
    StreamPort p = new StreamPort(core, f, 0, 50, "127.0.0.1", DescriptorReservation.none());
    p.startListening();
    return p;
  }

  @Test
  public void buildProtocolThrowingAnErrorClosesThatConnectionAndServesTheNext() {
    List<Protocol> built = new ArrayList<>();
    ServerFactory f = new ServerFactory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        if (built.isEmpty()) {
          built.add(null);
          throw new AssertionError("a bug in buildProtocol");
        }
        Protocol p = new Protocol();
        built.add(p);
        return p;
      }
    };
    listening(f);
    FakeBackend.FakeStream first = backend.new FakeStream();
    FakeBackend.FakeStream second = backend.new FakeStream();
    backend.acceptQueue.add(first);
    backend.acceptQueue.add(second);
    backend.listener.events.acceptReady();
    assertTrue(first.closed, "the connection whose protocol failed leaked");
    assertEquals(built.size(), 2);
    assertFalse(second.closed);
    assertTrue(second.reading);
  }

  /** A protocol whose log prefix (user code the port calls to name the transport) fails. */
  static final class BadPrefix extends Protocol implements ILoggingContext {
    @Override
    public String logPrefix() {
      throw new IllegalStateException("no prefix");
    }
  }

  @Test
  public void aProtocolWhoseLogPrefixThrowsIsClosedAndTheNextConnectionServed() {
    List<Protocol> built = new ArrayList<>();
    ServerFactory f = new ServerFactory() {
      @Override
      public Protocol buildProtocol(IAddress addr) {
        Protocol p = built.isEmpty() ? new BadPrefix() : new Protocol();
        built.add(p);
        return p;
      }
    };
    listening(f);
    FakeBackend.FakeStream first = backend.new FakeStream();
    FakeBackend.FakeStream second = backend.new FakeStream();
    backend.acceptQueue.add(first);
    backend.acceptQueue.add(second);
    backend.listener.events.acceptReady();
    assertTrue(first.closed);
    assertEquals(built.size(), 2);
    assertTrue(second.reading);
  }
}
