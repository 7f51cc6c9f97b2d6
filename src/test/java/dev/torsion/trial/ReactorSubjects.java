package dev.torsion.trial;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.reactor.Reactor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Test classes that {@link TestCaseReactorTest} runs in a TestNG of its own, each driving the
 * reactor the outer test built on its thread. The holder's name does not look like a test's, so
 * Surefire does not run them itself.
 */
public final class ReactorSubjects {
  /** Set by the outer test before each inner run. */
  static volatile @Nullable Reactor reactor;
  static final List<String> EVENTS = new CopyOnWriteArrayList<>();
  static volatile @Nullable Deferred<String> timedOut;

  private ReactorSubjects() {}

  static Reactor reactor() {
    Reactor r = reactor;
    if (r == null) {
      throw new IllegalStateException("the outer test sets the reactor");
    }
    return r;
  }

  /** A port or connection that only records that it was closed. */
  static final class FakeSelectable implements Selectable {
    private final String name;

    FakeSelectable(String name) {
      this.name = name;
    }

    @Override
    public void disconnectAtShutdown() {
      EVENTS.add("closed " + name);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Deferreds fired by the reactor while the test thread drives it. */
  public static class SpinSubject extends TestCase {
    @Override
    protected @Nullable Reactor trialReactor() {
      return reactor();
    }

    @Test
    public Deferred<String> firesFromACallLater() {
      Deferred<String> d = new Deferred<>();
      reactor().callLater(0.05, () -> d.callback("timer"));
      return d.addCallback(result -> {
        EVENTS.add("callLater " + result);
        return result;
      });
    }

    @Test
    public Deferred<String> firesFromAnotherThread() {
      Deferred<String> d = new Deferred<>();
      Thread other = new Thread(() -> reactor().callFromThread(() -> d.callback("thread")));
      other.start();
      return d.addCallback(result -> {
        EVENTS.add("callFromThread " + result);
        return result;
      });
    }

    @Test
    @Timeout(0.2)
    public Deferred<String> neverFires() {
      Deferred<String> d = new Deferred<>();
      timedOut = d;
      return d;
    }
  }

  /** Tests that leave the reactor unclean, and ones that do not. */
  public static class DirtySubject extends TestCase {
    @Override
    protected @Nullable Reactor trialReactor() {
      return reactor();
    }

    @Test
    public void leavesADelayedCall() {
      reactor().callLater(100, () -> EVENTS.add("never"));
    }

    @Test
    public void leavesASelectable() {
      ((LoopCore) reactor()).addSelectable(new FakeSelectable("<FakeSelectable left>"));
    }

    @Test
    public void cancelsItsCallInACleanup() {
      IDelayedCall call = reactor().callLater(100, () -> EVENTS.add("never"));
      addCleanup(call::cancel);
    }

    @Test
    public void leavesACallDueNow() {
      reactor().callLater(0, () -> EVENTS.add("due now ran"));
    }

    @Test
    public void failsAndLeavesACall() {
      reactor().callLater(100, () -> EVENTS.add("never"));
      throw new AssertionError("own failure");
    }
  }

  /** Never touches the reactor, as trial's SynchronousTestCase. */
  public static class SyncSubject extends SynchronousTestCase {
    @Test
    public void leavesADelayedCall() {
      reactor().callLater(100, () -> EVENTS.add("never"));
    }
  }
}
