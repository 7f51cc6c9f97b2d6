package dev.torsion.internet.defer;

import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;

import org.testng.annotations.Test;

public class EnsureDeferredTest {
  /** twisted.test.test_defer.EnsureDeferredTests.test_passesThroughDeferreds */
  @Test
  public void test_passesThroughDeferreds() {
    Deferred<String> d1 = new Deferred<>();
    Deferred<String> d2 = Defer.ensureDeferred(d1);
    assertSame(d2, d1);
    assertFalse(d2.called());
  }

  /** twisted.test.test_defer.EnsureDeferredTests.test_ensureDeferredCoroutine */
  @Test
  public void test_ensureDeferredCoroutine() {
    Deferred<String> d = Defer.ensureDeferred(a -> {
      Deferred<String> inner = Defer.succeed("foo");
      String res = a.await(inner);
      return res;
    });
    assertEquals(successResultOf(d), "foo");
  }

  /**
   * twisted.test.test_defer.EnsureDeferredTests.test_ensureDeferredGenerator (the yield-from form:
   * here, a body that waits on a Deferred fired only after the body suspended).
   */
  @Test
  public void test_ensureDeferredGenerator() {
    Deferred<String> later = new Deferred<>();
    Deferred<String> d = Defer.ensureDeferred(a -> a.await(later) + "!");
    assertFalse(d.called());
    later.callback("foo");
    assertEquals(successResultOf(d), "foo!");
  }
}
