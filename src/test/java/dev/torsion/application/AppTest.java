package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.MemoryReactor;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@code App.startApplication}: start the services, stop them at the reactor's shutdown. */
public class AppTest {
  /** Records the order of the start calls. */
  private static final class Recording extends Service {
    final List<String> calls = new ArrayList<>();

    @Override
    public void privilegedStartService() {
      calls.add("privileged");
    }

    @Override
    public void startService() {
      super.startService();
      calls.add("start");
    }
  }

  /** twisted.test.test_application.AppSupportTests.test_startApplication */
  @Test
  public void startApplicationStartsTheApplicationsService() {
    Application application = new Application("lala");
    Recording child = new Recording();
    child.setServiceParent(application.service());
    MemoryReactor reactor = new MemoryReactor();
    App.startApplication(application, reactor);
    assertTrue(application.service().running());
    assertEquals(child.calls, List.of("privileged", "start"));
    assertEquals(reactor.triggers("before", "shutdown").size(), 1);
  }

  @Test
  public void theReactorsShutdownStopsTheServices() {
    Application application = new Application("lala");
    Recording child = new Recording();
    child.setServiceParent(application.service());
    MemoryReactor reactor = new MemoryReactor();
    App.startApplication(application, reactor);
    reactor.fireSystemEvent("shutdown");
    assertFalse(application.service().running());
    assertFalse(child.running());
  }

  @Test
  public void aServiceThatCannotStartAddsNoTrigger() {
    Service broken = new Service() {
      @Override
      public void startService() {
        throw new IllegalStateException("port in use");
      }
    };
    MemoryReactor reactor = new MemoryReactor();
    assertThrows(IllegalStateException.class, () -> App.startApplication(broken, reactor));
    assertTrue(reactor.triggers("before", "shutdown").isEmpty());
  }
}
