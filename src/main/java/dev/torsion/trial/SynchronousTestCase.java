package dev.torsion.trial;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;

/**
 * A TestNG base class for tests ported from Twisted's trial that never spin a reactor: results are
 * read straight off Deferreds fired by a {@code task.Clock} or by the test itself.
 *
 * <p><b>What a test gets.</b> Each {@code @Test} method of a subclass runs inside this class's
 * {@link IHookable} hook, which adds trial's checks around it:
 * <ul>
 *   <li><b>Unhandled errors fail the test.</b> While the test runs, errors reported to
 *   {@link dev.torsion.internet.defer.UnhandledErrors} (logged errors, collected Deferreds that
 *   held a Failure) are captured; when it ends, the Failures that Deferreds still hold with no
 *   errback to take them are collected too. Any of these the test did not take with
 *   {@link #flushLoggedErrors} fails it, with each error's full traceback in the message.</li>
 *   <li><b>Cleanups.</b> Functions given to {@link #addCleanup(Cleanup)} run after the test
 *   method, last added first, whether it passed or not; a cleanup that throws fails the test and
 *   the others still run.</li>
 *   <li><b>Returned Deferreds.</b> A test method (or cleanup) may return a Deferred. Here it must
 *   already hold its result, which decides the outcome: a Failure fails the test with the
 *   Failure's own stack. {@link TestCase} waits for one instead.</li>
 * </ul>
 * The listener {@link TrialListener}, registered through {@code META-INF/services}, tells TestNG to
 * run {@code @Test} methods that return a value, which it otherwise ignores; no suite XML is
 * needed.
 *
 * <p><b>Threading.</b> One test at a time per JVM: the capture of unhandled errors is global, as in
 * trial. Do not run subclasses with TestNG's {@code parallel} modes.
 *
 * <p><b>Lifecycle.</b> The checks cover the test method and its cleanups, which run before
 * TestNG's {@code @AfterMethod} methods (trial runs cleanups before {@code tearDown} too). Cleanups
 * may be added from {@code @BeforeMethod}. Failures already pending before the test started, such
 * as those left by a {@code @BeforeMethod} or an earlier test, are not this test's, even when the
 * garbage collector reports one while it runs.
 *
 * <p><b>Differences from Twisted.</b> TestNG's {@code @BeforeMethod}/{@code @AfterMethod} stand
 * for {@code setUp}/{@code tearDown}, and their errors are not captured. Trial's
 * {@code SynchronousTestCase} ignores a returned Deferred; this one takes its result, and fails a
 * test whose returned Deferred has none. There is no {@code flushWarnings}, {@code todo} or
 * {@code suppress}. Java reports a collected Deferred only after a garbage collection, so the
 * Failures live Deferreds still hold at the end of the test are counted as unhandled instead:
 * a test that keeps a failed Deferred to handle later must handle it before it ends.
 *
 * @twisted twisted.trial.unittest.SynchronousTestCase
 */
public abstract class SynchronousTestCase implements IHookable {
  private final Deque<Object> cleanups = new ArrayDeque<>();
  private volatile @Nullable TrialRun current;
  private volatile @Nullable Method currentMethod;

  /** For subclasses. */
  protected SynchronousTestCase() {}

  /**
   * A cleanup function that returns nothing.
   *
   * @twisted twisted.trial.unittest.SynchronousTestCase.addCleanup
   */
  @FunctionalInterface
  public interface Cleanup {
    /**
     * Cleans up.
     *
     * @throws Throwable anything; it fails the test
     */
    void run() throws Throwable;
  }

  /**
   * A cleanup function that returns a Deferred, which is waited for as a test's result is.
   *
   * @twisted twisted.trial.unittest.TestCase.addCleanup
   */
  @FunctionalInterface
  public interface DeferredCleanup {
    /**
     * Starts cleaning up.
     *
     * @return a Deferred that fires when done, or null
     * @throws Throwable anything; it fails the test
     */
    @Nullable Deferred<?> run() throws Throwable;
  }

  /**
   * The result {@code deferred} holds now. The Deferred's chain goes on with {@code null}.
   *
   * @param deferred a Deferred that should have succeeded by now
   * @param <T> its result type
   * @return the result
   * @throws AssertionError if it has no result yet, or holds a Failure (shown with its traceback)
   * @twisted twisted.trial.unittest.SynchronousTestCase.successResultOf
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> T successResultOf(Deferred<T> deferred) {
    Object[] box = take(deferred);
    if (box.length == 0) {
      throw new AssertionError("Success result expected on " + deferred
          + ", found no result instead");
    }
    if (box[0] instanceof Failure) {
      Failure failure = (Failure) box[0];
      throw new AssertionError("Success result expected on " + deferred
          + ", found failure result instead:\n" + failure.getTraceback(), failure.value());
    }
    return (T) box[0];
  }

  /**
   * The Failure {@code deferred} holds now, which the Deferred's chain no longer holds.
   *
   * @param deferred a Deferred that should have failed by now
   * @param expectedTypes the error classes acceptable; none means any
   * @return the Failure
   * @throws AssertionError if it has no result, succeeded, or failed with another type
   * @twisted twisted.trial.unittest.SynchronousTestCase.failureResultOf
   */
  @SafeVarargs
  public static Failure failureResultOf(Deferred<?> deferred,
      Class<? extends Throwable>... expectedTypes) {
    Object[] box = take(deferred);
    if (box.length == 0) {
      throw new AssertionError("Failure result expected on " + deferred
          + ", found no result instead");
    }
    if (!(box[0] instanceof Failure)) {
      throw new AssertionError("Failure result expected on " + deferred
          + ", found success result (" + box[0] + ") instead");
    }
    Failure failure = (Failure) box[0];
    List<Class<?>> types = new ArrayList<>();
    for (Class<? extends Throwable> type : expectedTypes) {
      types.add(type);
    }
    if (!types.isEmpty() && !TrialRun.matches(failure, types)) {
      throw new AssertionError("Failure of type " + types
          + " expected on " + deferred + ", found type " + failure.type().getName()
          + " instead:\n" + failure.getTraceback(), failure.value());
    }
    return failure;
  }

  /**
   * Asserts {@code deferred} has no result yet. It stays usable: a result that arrives later is
   * not disturbed. A paused Deferred counts as having none, as in trial: no callback added now
   * could see it.
   *
   * @param deferred the Deferred
   * @throws AssertionError if it has a result (a Failure is shown with its traceback)
   * @twisted twisted.trial.unittest.SynchronousTestCase.assertNoResult
   */
  public static void assertNoResult(Deferred<?> deferred) {
    if (deferred.hasResult() && deferred.paused() == 0) {
      Object result = deferred.result();
      if (result instanceof Failure) {
        Failure failure = (Failure) result;
        // Consume it, so the assertion failure is the one reported, not an unhandled error.
        deferred.addErrback(f -> null);
        throw new AssertionError("No result expected on " + deferred
            + ", found failure result instead:\n" + failure.getTraceback(), failure.value());
      }
      throw new AssertionError("No result expected on " + deferred + ", found " + result
          + " instead");
    }
  }

  /**
   * Fails unless {@code deferred} fails with one of {@code expectedTypes}. Returns
   * {@code deferred} with callbacks added: it succeeds with the error when the type matches and
   * fails with an {@link AssertionError} otherwise. Return it from a {@link TestCase} test, or read
   * it with {@link #successResultOf}.
   *
   * @param deferred the Deferred expected to fail
   * @param expectedTypes the acceptable error classes; at least one
   * @param <E> a type every expected class extends
   * @return {@code deferred}, retyped
   * @throws IllegalArgumentException if no type is given
   * @twisted twisted.trial.unittest.TestCase.assertFailure
   */
  @SafeVarargs
  @SuppressWarnings("unchecked")
  public static <E extends Throwable> Deferred<E> assertFailure(Deferred<?> deferred,
      Class<? extends E>... expectedTypes) {
    if (expectedTypes.length == 0) {
      throw new IllegalArgumentException("assertFailure needs at least one expected type");
    }
    List<Class<?>> types = new ArrayList<>();
    for (Class<? extends E> type : expectedTypes) {
      types.add(Objects.requireNonNull(type, "type"));
    }
    return deferred.addCallbacks(
        result -> {
          throw new AssertionError("did not catch an error, instead got " + result);
        },
        failure -> {
          if (!TrialRun.matches(failure, types)) {
            throw new AssertionError("\nExpected: " + types + "\nGot:\n"
                + failure.getTraceback(), failure.value());
          }
          return (E) failure.value();
        });
  }

  /**
   * Takes errors logged or left unhandled so far in this test, so they do not fail it: errors
   * reported to {@link dev.torsion.internet.defer.UnhandledErrors} and Failures that Deferreds now
   * hold with no errback to take them (a dropped Deferred's Failure is found here without waiting
   * for the garbage collector).
   *
   * @param types the error classes to take; none means all
   * @return the Failures taken, oldest first
   * @throws IllegalStateException outside a running test method or its cleanups
   * @twisted twisted.trial.unittest.SynchronousTestCase.flushLoggedErrors
   */
  @SafeVarargs
  public final List<Failure> flushLoggedErrors(Class<? extends Throwable>... types) {
    TrialRun run = current;
    if (run == null) {
      throw new IllegalStateException("flushLoggedErrors called outside a running test method");
    }
    List<Class<?>> copy = new ArrayList<>();
    for (Class<? extends Throwable> type : types) {
      copy.add(Objects.requireNonNull(type, "type"));
    }
    return run.flush(copy);
  }

  /**
   * Adds a function to run after the test method, before the ones added earlier.
   *
   * @param cleanup the function
   * @twisted twisted.trial.unittest.SynchronousTestCase.addCleanup
   */
  public final void addCleanup(Cleanup cleanup) {
    synchronized (cleanups) {
      cleanups.push(Objects.requireNonNull(cleanup, "cleanup"));
    }
  }

  /**
   * Adds a function to run after the test method, before the ones added earlier; the Deferred it
   * returns is waited for as a returned test result is (see {@link TestCase}).
   *
   * @param cleanup the function
   * @twisted twisted.trial.unittest.TestCase.addCleanup
   */
  public final void addCleanup(DeferredCleanup cleanup) {
    synchronized (cleanups) {
      cleanups.push(Objects.requireNonNull(cleanup, "cleanup"));
    }
  }

  /**
   * Sets a field for the duration of the test: the old value comes back in a cleanup.
   *
   * @param target the object whose field to set, or a {@link Class} for a static field
   * @param fieldName the field's name, declared by the class or a superclass
   * @param value the value to set
   * @throws IllegalArgumentException if there is no such field, it is final, or the value does
   *     not fit its type
   * @twisted twisted.trial.unittest.SynchronousTestCase.patch
   */
  public final void patch(Object target, String fieldName, @Nullable Object value) {
    boolean isStatic = target instanceof Class;
    Field field = findField(isStatic ? (Class<?>) target : target.getClass(), fieldName);
    int modifiers = field.getModifiers();
    if (Modifier.isFinal(modifiers) || Modifier.isStatic(modifiers) != isStatic) {
      throw new IllegalArgumentException("cannot patch " + field + ": "
          + (isStatic ? "final or not static" : "final or static (pass the Class)"));
    }
    @Nullable Object owner = isStatic ? null : target;
    try {
      field.setAccessible(true);
      Object old = field.get(owner);
      field.set(owner, value);
      addCleanup(() -> field.set(owner, old));
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalArgumentException("cannot patch " + field + ": " + e, e);
    }
  }

  private static Field findField(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getName().equals(name)) {
          return field;
        }
      }
    }
    throw new IllegalArgumentException("no field " + name + " in " + type.getName());
  }

  /**
   * A new path for a file or directory of this test: its parent directory exists, it does not.
   * Paths live under {@code java.io.tmpdir}/torsion-trial/<i>class</i>/<i>method</i> and are kept
   * after the test, for inspection.
   *
   * @return the path
   * @throws UncheckedIOException if the parent directory cannot be created
   * @twisted twisted.trial.unittest.SynchronousTestCase.mktemp
   */
  public final Path mktemp() {
    Method method = currentMethod;
    Path parent = Path.of(System.getProperty("java.io.tmpdir"), "torsion-trial",
        getClass().getName(), method == null ? "_" : method.getName());
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parent.resolve(UUID.randomUUID().toString());
  }

  /**
   * Runs one test method with trial's checks around it: called by TestNG, not by tests.
   *
   * @param callBack TestNG's handle on the test method; gives its parameters
   * @param testResult the result TestNG records
   * @twisted twisted.trial.unittest.SynchronousTestCase.run
   */
  @Override
  public final void run(IHookCallBack callBack, ITestResult testResult) {
    Method method = testResult.getMethod().getConstructorOrMethod().getMethod();
    String name = getClass().getName() + "." + method.getName();
    currentMethod = method;
    TrialRun run = TrialRun.start();
    current = run;
    @Nullable Throwable error = null;
    List<Throwable> cleanupErrors = new ArrayList<>();
    List<TrialRun.Logged> unhandled;
    @Nullable Throwable dirty = null;
    try {
      try {
        long start = System.nanoTime();
        Object result = invoke(method, callBack.getParameters());
        if (result instanceof Deferred) {
          awaitResult((Deferred<?>) result, "Test method " + name, start);
        }
      } catch (Throwable t) {
        error = t;
      }
      runCleanups(name, cleanupErrors);
      // Inside the run, so errors logged while the reactor is cleaned belong to this test.
      dirty = checkReactor();
    } finally {
      current = null;
      currentMethod = null;
      unhandled = run.finish();
    }
    @Nullable Throwable outcome = Outcomes.combine(name, error, cleanupErrors, dirty,
        unhandled);
    if (outcome != null) {
      throw Outcomes.<RuntimeException>sneakyThrow(outcome);
    }
    testResult.setStatus(ITestResult.SUCCESS);
  }

  /**
   * Checks the reactor after the test and its cleanups; here nothing, as trial's
   * {@code SynchronousTestCase} never touches the reactor. {@link TestCase} overrides it.
   *
   * @return the error that fails the test, or null
   */
  @Nullable Throwable checkReactor() {
    return null;
  }

  /** The test method now running, or null between tests. */
  final @Nullable Method currentMethod() {
    return currentMethod;
  }

  private @Nullable Object invoke(Method method, Object[] parameters) throws Throwable {
    if (!method.canAccess(this)) {
      method.setAccessible(true);
    }
    try {
      return method.invoke(this, parameters);
    } catch (InvocationTargetException e) {
      throw Objects.requireNonNull(e.getCause());
    }
  }

  private void runCleanups(String name, List<Throwable> errors) {
    while (true) {
      Object next;
      synchronized (cleanups) {
        next = cleanups.poll();
      }
      if (next == null) {
        return;
      }
      try {
        long start = System.nanoTime();
        if (next instanceof Cleanup) {
          ((Cleanup) next).run();
        } else {
          Deferred<?> d = ((DeferredCleanup) next).run();
          if (d != null) {
            awaitResult(d, "Cleanup of " + name, start);
          }
        }
      } catch (Throwable t) {
        errors.add(t);
      }
    }
  }

  /**
   * Takes the result of a Deferred a test method or cleanup returned, throwing the error of a
   * Failure. Here the Deferred must hold its result already; {@link TestCase} waits for it.
   *
   * @param deferred the returned Deferred
   * @param what names the method, for messages
   * @param startNanos {@link System#nanoTime()} when the method started
   */
  void awaitResult(Deferred<?> deferred, String what, long startNanos) throws Throwable {
    Object[] box = take(deferred);
    if (box.length == 0) {
      throw new AssertionError(what + " returned " + deferred + ", which has no result:"
          + " SynchronousTestCase does not wait for Deferreds; extend TestCase to wait");
    }
    if (box[0] instanceof Failure) {
      throw ((Failure) box[0]).value();
    }
  }

  /** The Deferred's current result in a one-element array, or an empty array; consumes it. */
  private static Object[] take(Deferred<?> deferred) {
    Object[] box = new Object[0];
    Object[][] out = {box};
    deferred.addBoth(result -> {
      out[0] = new Object[] {result};
      return null;
    });
    return out[0];
  }
}
