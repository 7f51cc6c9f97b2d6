package dev.torsion.internet.epoll;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import org.testng.annotations.Test;

public class EpollReactorProviderTest {
  private final EpollReactorProvider provider = new EpollReactorProvider();

  @Test
  public void namedAfterItsMechanismAndPreferredOverPollAndNio() {
    assertEquals(provider.name(), "epoll");
    assertEquals(provider.preference(), 30);
    assertTrue(provider.description().contains("epoll"));
  }

  @Test
  public void runsOnThisLinuxAndBuildsALoopOverEpoll() {
    if (!System.getProperty("os.name").equals("Linux")) {
      assertTrue(provider.unavailabilityCause().contains("Linux"));
      return;
    }
    assertTrue(provider.isSupported(), String.valueOf(provider.unavailabilityCause()));
    assertNull(provider.unavailabilityCause());
    Reactor r = provider.create();
    // Never run: release its descriptors and native memory here.
    ((LoopCore) r).backend().close();
    assertTrue(r.toString().contains("EpollBackend"), r.toString());
  }

  @Test
  public void listedWithTheOthers() {
    assertTrue(Reactors.listing().contains("epoll"), Reactors.listing());
  }
}
