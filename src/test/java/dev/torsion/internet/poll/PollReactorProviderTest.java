package dev.torsion.internet.poll;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import org.testng.annotations.Test;

public class PollReactorProviderTest {
  private final PollReactorProvider provider = new PollReactorProvider();

  @Test
  public void namedAfterItsMechanismAndPreferredOverNio() {
    assertEquals(provider.name(), "poll");
    assertEquals(provider.preference(), 20);
    assertTrue(provider.description().contains("poll"));
  }

  @Test
  public void runsOnThisLinuxAndBuildsALoopOverPoll() {
    if (!System.getProperty("os.name").equals("Linux")) {
      assertTrue(provider.unavailabilityCause().contains("Linux"));
      return;
    }
    assertTrue(provider.isSupported(), String.valueOf(provider.unavailabilityCause()));
    assertNull(provider.unavailabilityCause());
    Reactor r = provider.create();
    // Never run: release its descriptors and native memory here.
    ((LoopCore) r).backend().close();
    assertTrue(r.toString().contains("PollBackend"), r.toString());
  }

  @Test
  public void listedWithTheOthers() {
    assertTrue(Reactors.listing().contains("poll"), Reactors.listing());
  }
}
