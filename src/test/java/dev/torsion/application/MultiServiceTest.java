package dev.torsion.application;

import static dev.torsion.trial.SynchronousTestCase.assertNoResult;
import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.DeferredList;
import dev.torsion.trial.SynchronousTestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class MultiServiceTest extends SynchronousTestCase {
  /** Records its start and stop calls in a shared log; its stop may return a Deferred. */
  static final class RecordingService extends Service {
    private final List<String> log;
    private final String label;
    @Nullable Deferred<?> stopResult;

    RecordingService(List<String> log, String label) {
      this.log = log;
      this.label = label;
    }

    @Override
    public void privilegedStartService() {
      super.privilegedStartService();
      log.add("privileged " + label);
    }

    @Override
    public void startService() {
      super.startService();
      log.add("start " + label);
    }

    @Override
    public @Nullable Deferred<?> stopService() {
      super.stopService();
      log.add("stop " + label);
      return stopResult;
    }
  }

  /** twisted.test.test_application.ServiceTests.testNamedChild */
  @Test
  public void namedChildIsFoundByName() {
    Service s = new Service();
    MultiService p = new MultiService();
    s.setName("hello");
    s.setServiceParent(p);
    assertEquals(ServiceTest.children(p), List.of(s));
    assertSame(s.parent(), p);
    assertSame(p.getServiceNamed("hello"), s);
    assertThrows(NoSuchElementException.class, () -> p.getServiceNamed("other"));
  }

  /** twisted.test.test_application.ServiceTests.testDuplicateNamedChild */
  @Test
  public void secondChildWithTheSameNameIsRefused() {
    Service first = new Service();
    MultiService p = new MultiService();
    first.setName("hello");
    first.setServiceParent(p);
    Service second = new Service();
    second.setName("hello");
    IllegalStateException e =
        expectThrows(IllegalStateException.class, () -> second.setServiceParent(p));
    assertEquals(e.getMessage(), "cannot have two services with same name 'hello'");
    assertEquals(ServiceTest.children(p), List.of(first));
    assertSame(p.getServiceNamed("hello"), first);
    assertNull(second.parent());
  }

  /** twisted.test.test_application.ServiceTests.testRunningChildren1 */
  @Test
  public void startingAndStoppingTheParentStartsAndStopsTheChild() {
    Service s = new Service();
    MultiService p = new MultiService();
    s.setServiceParent(p);
    assertFalse(s.running());
    assertFalse(p.running());
    p.startService();
    assertTrue(s.running());
    assertTrue(p.running());
    successResultOf(p.stopService());
    assertFalse(s.running());
    assertFalse(p.running());
  }

  /** twisted.test.test_application.ServiceTests.testRunningChildren2 */
  @Test
  public void laterChildStartsAfterAndStopsBeforeEarlierOne() {
    Service s = new Service();
    List<Boolean> seen = new ArrayList<>();
    Service t = new Service() {
      @Override
      public void startService() {
        seen.add(s.running());
      }

      @Override
      public @Nullable Deferred<?> stopService() {
        seen.add(s.running());
        return null;
      }
    };
    MultiService p = new MultiService();
    s.setServiceParent(p);
    t.setServiceParent(p);
    p.startService();
    p.stopService();
    assertEquals(seen, List.of(true, true));
  }

  @Test
  public void childrenStartInOrderAndStopInReverse() {
    List<String> log = new ArrayList<>();
    MultiService p = new MultiService();
    new RecordingService(log, "a").setServiceParent(p);
    new RecordingService(log, "b").setServiceParent(p);
    new RecordingService(log, "c").setServiceParent(p);
    p.privilegedStartService();
    p.startService();
    p.stopService();
    assertEquals(log, List.of("privileged a", "privileged b", "privileged c",
        "start a", "start b", "start c", "stop c", "stop b", "stop a"));
  }

  /** twisted.test.test_application.ServiceTests.testAddingIntoRunning */
  @Test
  public void childAddedToARunningParentStartsAndStopsWhenRemoved() {
    MultiService p = new MultiService();
    p.startService();
    List<String> log = new ArrayList<>();
    RecordingService s = new RecordingService(log, "s");
    assertFalse(s.running());
    s.setServiceParent(p);
    assertTrue(s.running());
    assertEquals(log, List.of("privileged s", "start s"));
    Deferred<String> stopping = new Deferred<>();
    s.stopResult = stopping;
    assertSame(s.disownServiceParent(), stopping);
    assertFalse(s.running());
    assertEquals(ServiceTest.children(p), List.of());
  }

  /** twisted.test.test_application.ServiceTests.testPrivileged */
  @Test
  public void privilegedStartReachesEveryChild() {
    List<String> log = new ArrayList<>();
    MultiService p = new MultiService();
    new RecordingService(log, "s").setServiceParent(p);
    new RecordingService(log, "s1").setServiceParent(p);
    p.privilegedStartService();
    assertEquals(log, List.of("privileged s", "privileged s1"));
    assertFalse(p.running());
  }

  @Test
  public void stopWaitsForEveryChildsDeferred() {
    List<String> log = new ArrayList<>();
    MultiService p = new MultiService();
    RecordingService a = new RecordingService(log, "a");
    RecordingService b = new RecordingService(log, "b");
    Deferred<String> aStopped = new Deferred<>();
    Deferred<String> bStopped = new Deferred<>();
    a.stopResult = aStopped;
    b.stopResult = bStopped;
    a.setServiceParent(p);
    b.setServiceParent(p);
    new Service().setServiceParent(p);
    p.startService();
    Deferred<?> stopped = p.stopService();
    assertEquals(log, List.of("start a", "start b", "stop b", "stop a"));
    assertNoResult(stopped);
    aStopped.callback("a done");
    assertNoResult(stopped);
    bStopped.callback("b done");
    List<?> outcomes = (List<?>) successResultOf(stopped);
    assertEquals(outcomes.size(), 3);
    assertNull(((DeferredList.Outcome<?>) outcomes.get(0)).result());
    assertEquals(((DeferredList.Outcome<?>) outcomes.get(1)).result(), "b done");
    assertEquals(((DeferredList.Outcome<?>) outcomes.get(2)).result(), "a done");
  }

  @Test
  public void childThatThrowsOnStopDoesNotKeepOthersRunning() {
    List<String> log = new ArrayList<>();
    MultiService p = new MultiService();
    RecordingService a = new RecordingService(log, "a");
    a.setServiceParent(p);
    new Service() {
      @Override
      public @Nullable Deferred<?> stopService() {
        throw new IllegalStateException("broken");
      }
    }.setServiceParent(p);
    p.startService();
    List<?> outcomes = (List<?>) successResultOf(p.stopService());
    assertFalse(a.running());
    DeferredList.Outcome<?> broken = (DeferredList.Outcome<?>) outcomes.get(0);
    assertFalse(broken.success());
    assertTrue(broken.failure().value() instanceof IllegalStateException);
    // As in Twisted, the DeferredList does not consume the child's failure: it stays unhandled.
    assertEquals(flushLoggedErrors(IllegalStateException.class).size(), 1);
  }

  @Test
  public void removingAStrangerIsRefused() {
    MultiService p = new MultiService();
    assertThrows(IllegalArgumentException.class, () -> p.removeService(new Service()));
  }

  @Test
  public void emptyMultiServiceStopsAtOnce() {
    MultiService p = new MultiService();
    p.startService();
    assertEquals((List<?>) successResultOf(p.stopService()), List.of());
  }

  /** twisted.test.test_application.InterfacesTests.testMultiService */
  @Test
  public void multiServiceIsAServiceAndACollection() {
    Object p = new MultiService();
    assertTrue(p instanceof IService);
    assertTrue(p instanceof IServiceCollection);
  }
}
