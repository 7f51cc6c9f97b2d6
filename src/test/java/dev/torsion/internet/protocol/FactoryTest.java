package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.testsupport.StderrCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.testng.annotations.Test;

/** {@link Factory}, {@link ClientFactory} and {@link ServerFactory}. */
public class FactoryTest {
  static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 1234);

  static final class SomeKindOfFactory extends Factory {}

  static final class SomeProtocol extends Protocol {}

  static final class ArgTakingFactory extends Factory {
    final List<Object> args;

    ArgTakingFactory(Object... args) {
      this.args = List.of(args);
    }
  }

  static final class CountingFactory extends Factory {
    final List<String> events = new ArrayList<>();

    @Override
    protected void startFactory() {
      events.add("start");
    }

    @Override
    protected void stopFactory() {
      events.add("stop");
    }
  }

  /** Runs {@code action} and returns what was logged meanwhile (slf4j-simple writes stderr). */
  static String stderrOf(Runnable action) {
    return StderrCapture.of(action);
  }

  /** twisted.internet.test.test_protocol.FactoryTests.test_interfaces */
  @Test
  public void aFactoryIsAProtocolFactoryAndALoggingContext() {
    Object factory = new Factory();
    assertTrue(factory instanceof IProtocolFactory);
    assertTrue(factory instanceof ILoggingContext);
  }

  /** twisted.internet.test.test_protocol.FactoryTests.test_logPrefix */
  @Test
  public void logPrefixIsTheClassName() {
    assertEquals(new SomeKindOfFactory().logPrefix(), "SomeKindOfFactory");
    assertEquals(new Factory().logPrefix(), "Factory");
    assertEquals(new Factory() {}.logPrefix(), "FactoryTest$1");
  }

  /** twisted.internet.test.test_protocol.FactoryTests.test_defaultBuildProtocol */
  @Test
  public void buildProtocolCallsTheSupplierAndAttachesTheFactory() {
    Factory f = new Factory();
    f.setProtocol(SomeProtocol::new);
    Protocol p = f.buildProtocol(PEER);
    assertTrue(p instanceof SomeProtocol);
    assertSame(p.factory(), f);
  }

  @Test
  public void buildProtocolWithoutASupplierSaysSo() {
    IllegalStateException e =
        expectThrows(IllegalStateException.class, () -> new Factory().buildProtocol(PEER));
    assertTrue(e.getMessage().contains("no protocol"), e.getMessage());
  }

  @Test
  public void buildProtocolMayRefuseByReturningNull() {
    Factory refusing = new Factory() {
      @Override
      public Protocol buildProtocol(dev.torsion.internet.interfaces.IAddress addr) {
        return null;
      }
    };
    assertNull(refusing.buildProtocol(PEER));
  }

  /** twisted.internet.test.test_protocol.FactoryTests.test_forProtocol */
  @Test
  public void forProtocolSetsTheSupplierOnAFactoryBuiltWithItsArguments() {
    Supplier<Protocol> supplier = Protocol::new;
    ArgTakingFactory factory =
        Factory.forProtocol(supplier, () -> new ArgTakingFactory(1, 2, "foo=12"));
    assertSame(factory.protocol(), supplier);
    assertEquals(factory.args, List.of(1, 2, "foo=12"));
    assertSame(Factory.forProtocol(supplier).protocol(), supplier);
  }

  @Test
  public void clientFactoryForProtocolIsAClientFactory() {
    ClientFactory f = ClientFactory.forProtocol(SomeProtocol::new);
    assertTrue(f.buildProtocol(PEER) instanceof SomeProtocol);
    assertEquals(new ServerFactory().logPrefix(), "ServerFactory");
  }

  /** twisted.internet.test.test_protocol.FactoryTests.test_doStartLoggingStatement */
  @Test
  public void doStartLogsStartingTheFactoryAtInfo() {
    Factory f = new Factory();
    String log = stderrOf(f::doStart);
    assertTrue(log.contains("INFO"), log);
    assertTrue(log.contains("Starting factory " + f), log);
  }

  /** twisted.internet.test.test_protocol.FactoryTests.test_doStopLoggingStatement */
  @Test
  public void doStopLogsStoppingTheFactoryAtInfo() {
    Factory f = new Factory();
    f.setNoisy(false);
    f.doStart();
    f.setNoisy(true);
    String log = stderrOf(f::doStop);
    assertTrue(log.contains("INFO"), log);
    assertTrue(log.contains("Stopping factory " + f), log);
  }

  @Test
  public void aQuietFactoryLogsNothing() {
    Factory f = new Factory();
    f.setNoisy(false);
    String log = stderrOf(() -> {
      f.doStart();
      f.doStop();
    });
    assertEquals(log, "");
  }

  @Test
  public void startAndStopAreCountedAcrossPorts() {
    CountingFactory f = new CountingFactory();
    f.setNoisy(false);
    f.doStart();
    f.doStart();
    assertEquals(f.numPorts(), 2);
    f.doStop();
    assertEquals(f.events, List.of("start"));
    f.doStop();
    assertEquals(f.events, List.of("start", "stop"));
    f.doStop();
    assertEquals(f.numPorts(), 0, "an unbalanced doStop is ignored");
    assertEquals(f.events, List.of("start", "stop"));
  }

  @Test
  public void toStringReadsLikeTwistedsRepr() {
    Factory f = new Factory();
    assertTrue(f.toString().matches("<dev\\.torsion\\.internet\\.protocol\\.Factory object at "
        + "0x[0-9a-f]+>"), f.toString());
  }
}
