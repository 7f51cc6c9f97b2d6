package dev.torsion.application;

import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.defer.Deferred;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** A child whose stopService throws while being removed from a running parent. */
public class ServiceDisownFailureTest {
  /** Fails to stop once, then stops normally. */
  private static final class FailsToStopOnce extends Service {
    boolean failed;

    @Override
    public @Nullable Deferred<?> stopService() {
      if (!failed) {
        failed = true;
        throw new IllegalStateException("cannot stop");
      }
      return super.stopService();
    }
  }

  @Test
  public void aChildThatFailsToStopIsStillFreeToJoinAnotherParent() {
    MultiService first = new MultiService();
    FailsToStopOnce child = new FailsToStopOnce();
    child.setServiceParent(first);
    first.startService();
    expectThrows(IllegalStateException.class, child::disownServiceParent);
    assertTrue(!first.iterator().hasNext(), "the parent let go of the child");
    assertNull(child.parent());
    MultiService second = new MultiService();
    child.setServiceParent(second);
    assertSame(child.parent(), second);
    assertSame(second.iterator().next(), child);
  }
}
