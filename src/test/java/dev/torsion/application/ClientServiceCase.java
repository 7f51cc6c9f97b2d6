package dev.torsion.application;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.trial.SynchronousTestCase;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;

/** What the ClientService tests share: a fresh clock and a service over an in-memory endpoint. */
abstract class ClientServiceCase extends SynchronousTestCase {
  /** At least enough seconds for one retry with the default policy's first delays. */
  static final double AT_LEAST_ONE_ATTEMPT = 100.0;

  Clock clock = new Clock();

  /** A fresh clock for each test (TestNG shares the instance). */
  @BeforeMethod
  public void setUp() {
    clock = new Clock();
  }

  static StringTransport transportOf(IProtocol protocol) {
    return (StringTransport) ((Protocol) ((ReconnectingProtocolProxy) protocol).wrapped)
        .transport();
  }

  ServiceFixture make(boolean fireImmediately, boolean start) {
    return make(fireImmediately, start, Protocol::new, null);
  }

  ServiceFixture make(boolean fireImmediately, boolean start,
      Supplier<? extends Protocol> protocolType,
      ClientService.@Nullable PrepareConnection prepare) {
    ServiceFixture f = new ServiceFixture(fireImmediately, protocolType, clock, prepare);
    addCleanup(() -> {
      if (f.service.running()) {
        f.service.stopService();
      }
      // Nothing may be left scheduled once the service has stopped.
      assertEquals(clock.getDelayedCalls().size(), 0);
    });
    if (start) {
      f.service.startService();
    }
    return f;
  }

}
