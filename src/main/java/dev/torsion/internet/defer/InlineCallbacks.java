package dev.torsion.internet.defer;

import dev.torsion.internal.defer.InlineFiber;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sequential code over Deferreds: a body that reads top to bottom, waits for Deferreds with
 * {@link Awaiter#await}, and returns a value, run so that its outcome is a {@link Deferred}.
 *
 * <pre>{@code
 * Deferred<Integer> fetchLength(String url) {
 *   return InlineCallbacks.inlineCallbacks(a -> {
 *     String page = a.await(getPage(url));       // waits without blocking the reactor
 *     try {
 *       a.await(store(url, page));
 *     } catch (IOException e) {                  // a failed Deferred throws its error here
 *       log(e);
 *     }
 *     return page.length();                      // fires the returned Deferred
 *   });
 * }
 * }</pre>
 *
 * <p><b>How it runs.</b> The body starts at once, in the caller: {@code inlineCallbacks} returns
 * only when the body has returned, thrown, or reached an {@code await} of a Deferred that has no
 * result yet. Awaiting a Deferred that already has its result returns that result immediately.
 * Awaiting one that has none suspends the body; it resumes inside that Deferred's callback, when
 * it fires, and the thread that fired it waits in {@code callback()} until the body returns,
 * throws, or suspends again. The body's return value or exception fires the returned Deferred.
 *
 * <p><b>Threading.</b> The body's code runs on a thread of its own (a virtual thread on JDK 24
 * and later, else a daemon platform thread with a 256 KiB stack, reused by later bodies once
 * this one has finished), but never at the same time as anything else: whoever starts or
 * resumes it is blocked until it suspends or finishes. So the body may use Deferreds, the
 * reactor and any state confined to the reactor thread exactly as a callback may, and every
 * write made before a hand-off is visible after it. Thread-local values of the thread that
 * started or resumed the body are not visible inside it, and a body must not leave any behind.
 * {@code Thread.currentThread()} inside the body names the body's thread. Callbacks on the
 * returned Deferred that are present when the body finishes run on the body's thread too.
 *
 * <p><b>Re-entrancy.</b> A body may start other bodies and fire Deferreds that resume other
 * suspended bodies; each runs to its next suspension before control comes back. Awaiting a
 * long run of Deferreds that already have results costs no stack.
 *
 * <p><b>Errors.</b> An awaited Deferred that fails makes {@code await} throw its
 * {@link dev.torsion.python.failure.Failure}'s original Throwable, to which a suppressed
 * {@code AwaitedAt} entry is added whose stack is the body's, at the {@code await}: tracebacks
 * show every body the error passed through. A Throwable escaping the body fails the returned
 * Deferred. The awaited Deferred's chain goes on with {@code null}, its result consumed.
 *
 * <p><b>Cancellation.</b> Cancelling the returned Deferred while the body is suspended cancels
 * the Deferred it awaits; whatever that produces (usually {@link CancelledError}) is thrown into
 * the body at its {@code await}, and the body may catch it and go on. The returned Deferred's
 * callbacks wait until the body finishes, and get its outcome. Cancelling while the body is
 * running, or after it finished, has no effect.
 *
 * <p><b>Lifecycle.</b> A suspended body holds its thread until it resumes: a body awaiting a
 * Deferred that never fires keeps its thread (a virtual thread costs about a kilobyte of heap;
 * a platform thread its stack) for the life of the process. Ten thousand suspended bodies are
 * fine on either kind; see {@code docs/inline-callbacks.md} for measured costs.
 *
 * <p><b>Differences from Twisted.</b> The body awaits with {@code a.await(d)} instead of
 * {@code yield d}, and returns its value with {@code return}: there is no {@code returnValue}.
 * Awaiting from outside the running body, or after it returned, throws
 * {@link IllegalStateException}; awaiting the body's own Deferred, which Twisted lets hang,
 * throws {@link IllegalArgumentException}. A body that returns a Deferred fails its returned
 * Deferred with {@link IllegalArgumentException}.
 *
 * @twisted twisted.internet.defer.inlineCallbacks
 */
public final class InlineCallbacks {
  private InlineCallbacks() {}

  /**
   * Runs {@code body} now, in the caller, until it finishes or awaits a Deferred that has no
   * result yet, and gives its outcome as a Deferred.
   *
   * @param body the sequential code
   * @param <T> its result type
   * @return a Deferred that fires with what the body returns, or fails with what it throws
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  public static <T extends @Nullable Object> Deferred<T> inlineCallbacks(Body<T> body) {
    return InlineFiber.start(Objects.requireNonNull(body, "body"));
  }

  /**
   * Twisted's decorator form: a function that, each time it is called, runs {@code body} as
   * {@link #inlineCallbacks(Body)} does.
   *
   * @param body the sequential code
   * @param <T> its result type
   * @return a supplier of new runs of {@code body}
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  public static <T extends @Nullable Object> Supplier<Deferred<T>> decorate(Body<T> body) {
    Objects.requireNonNull(body, "body");
    return () -> inlineCallbacks(body);
  }

  /**
   * Twisted's decorator form for a body taking one argument: calling the function with
   * {@code arg} runs {@code body} with it, as {@link #inlineCallbacks(Body)} does.
   *
   * @param body the sequential code
   * @param <A> its argument type
   * @param <T> its result type
   * @return a function starting a new run of {@code body} on each call
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  public static <A extends @Nullable Object, T extends @Nullable Object>
      Function<A, Deferred<T>> decorate(BodyFunction<A, T> body) {
    Objects.requireNonNull(body, "body");
    return arg -> inlineCallbacks(a -> body.run(a, arg));
  }

  /**
   * Sequential code run by {@link InlineCallbacks#inlineCallbacks(Body)}.
   *
   * @param <T> the result type
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  @FunctionalInterface
  public interface Body<T extends @Nullable Object> {
    /**
     * Runs the code.
     *
     * @param a waits for Deferreds; valid only inside this run, on its thread
     * @return the result the returned Deferred fires with
     * @throws Throwable anything; it fails the returned Deferred
     * @twisted twisted.internet.defer.inlineCallbacks
     */
    T run(Awaiter a) throws Throwable;
  }

  /**
   * Sequential code taking one argument, for {@link InlineCallbacks#decorate(BodyFunction)}.
   *
   * @param <A> the argument type
   * @param <T> the result type
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  @FunctionalInterface
  public interface BodyFunction<A extends @Nullable Object, T extends @Nullable Object> {
    /**
     * Runs the code.
     *
     * @param a waits for Deferreds; valid only inside this run, on its thread
     * @param arg the argument the function was called with
     * @return the result the returned Deferred fires with
     * @throws Throwable anything; it fails the returned Deferred
     * @twisted twisted.internet.defer.inlineCallbacks
     */
    T run(Awaiter a, A arg) throws Throwable;
  }

  /**
   * Waits for Deferreds inside a body: the {@code yield} of a Twisted inlineCallbacks generator.
   *
   * @twisted twisted.internet.defer.inlineCallbacks
   */
  public interface Awaiter {
    /**
     * Waits for {@code deferred}'s result. Returns at once if it already has one; otherwise
     * suspends the body until it fires. The Deferred's chain goes on with {@code null}.
     *
     * @param deferred the Deferred to wait for
     * @param <X> its result type
     * @return its result
     * @throws Throwable the original error of the Failure it fails with (carrying a suppressed
     *     {@code AwaitedAt} entry with the body's stack); {@link CancelledError} if the body's
     *     Deferred was cancelled while waiting and the awaited Deferred failed with it
     * @throws IllegalStateException if called outside the running body
     * @throws IllegalArgumentException if {@code deferred} is the body's own Deferred
     * @twisted twisted.internet.defer.inlineCallbacks (yield)
     */
    <X extends @Nullable Object> X await(Deferred<X> deferred) throws Throwable;
  }
}
