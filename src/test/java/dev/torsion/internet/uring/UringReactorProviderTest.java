package dev.torsion.internet.uring;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.reactor.Reactor;
import org.testng.annotations.Test;

public class UringReactorProviderTest {
  private final UringReactorProvider provider = new UringReactorProvider();

  @Test
  public void ranksBetweenEpollAndPoll() {
    assertEquals(provider.name(), "uring");
    assertTrue(provider.preference() > new dev.torsion.internet.poll.PollReactorProvider()
        .preference());
    assertTrue(provider.preference() < new dev.torsion.internet.epoll.EpollReactorProvider()
        .preference());
  }

  @Test
  public void saysWhyWhenUnsupportedAndCreatesWhenSupported() throws Exception {
    if (!provider.isSupported()) {
      assertNotNull(provider.unavailabilityCause());
      assertThrows(UnsupportedOperationException.class, provider::create);
      return;
    }
    assertNull(provider.unavailabilityCause());
    Reactor r = provider.create();
    boolean[] ran = {false};
    r.callLater(0, () -> {
      ran[0] = true;
      r.stop();
    });
    r.callLater(10, r::stop);
    r.run();
    assertTrue(ran[0]);
  }
}
