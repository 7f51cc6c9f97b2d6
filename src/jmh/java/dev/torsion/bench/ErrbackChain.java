package dev.torsion.bench;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.torsion.internet.defer.Callback;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.python.failure.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Shape (d), Twisted's {@code test_deferred_errback_chain} benchmark: start from an already-fired
 * result; a callback throws; an errback checks the error's type ("trap") and throws a new error;
 * a last step that sees either outcome swallows the error and yields {@code null}.
 *
 * <p>Both errors are {@link BenchException}s made by the same constructor in all three libraries.
 * {@code stackTrace} chooses whether they capture a stack trace (as Python exceptions capture a
 * traceback) or not, which isolates the libraries' own error-path costs. CompletableFuture still
 * wraps each error in a {@link CompletionException} of its own; that is part of its cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ErrbackChain {
  private static final Executor DIRECT = MoreExecutors.directExecutor();
  /** What an unfinished CompletableFuture yields, so that the check tells it from null. */
  private static final Object NOT_DONE = new Object();

  /** Whether the thrown exceptions capture stack traces. */
  @Param({"true", "false"})
  public boolean stackTrace;

  /** The value fired; a field so the JIT cannot fold it into a constant. */
  public int seed = 1;

  private Callback<Integer, Integer> torsionRaise;
  private Callback<Failure, Integer> torsionTrapAndRaise;
  private Callback<Object, Object> torsionSwallow;

  private Function<Integer, Integer> cfRaise;
  private Function<Throwable, Integer> cfTrapAndRaise;
  private BiFunction<Integer, Throwable, Object> cfSwallow;

  private com.google.common.base.Function<Integer, Integer> guavaRaise;
  private com.google.common.base.Function<BenchException, Integer> guavaTrapAndRaise;
  private com.google.common.base.Function<Throwable, Integer> guavaSwallow;

  /**
   * Builds the callbacks once, so no benchmark allocates lambdas per operation, and checks that
   * the three variants produce {@code null}.
   *
   * @throws Exception if a variant fails
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean trace = stackTrace;
    torsionRaise = x -> {
      throw new BenchException("boom!", trace);
    };
    torsionTrapAndRaise = f -> {
      f.trap(BenchException.class);
      throw new BenchException("lesser boom!", trace);
    };
    torsionSwallow = x -> null;

    cfRaise = x -> {
      throw new BenchException("boom!", trace);
    };
    cfTrapAndRaise = t -> {
      Throwable cause = t instanceof CompletionException ? t.getCause() : t;
      if (!(cause instanceof BenchException)) {
        throw new CompletionException(cause);
      }
      throw new BenchException("lesser boom!", trace);
    };
    cfSwallow = (x, t) -> null;

    guavaRaise = x -> {
      throw new BenchException("boom!", trace);
    };
    // catching(BenchException.class, ...) does the type check that trap() does.
    guavaTrapAndRaise = e -> {
      throw new BenchException("lesser boom!", trace);
    };
    guavaSwallow = t -> null;
    check();
  }

  /** Checks that the three variants do the same work and produce {@code null}. */
  private void check() throws Exception {
    Object expected = null;
    Results.expect("torsion", expected, runTorsion());
    Results.expect("completableFuture", expected, runCompletableFuture());
    Results.expect("guava", expected, runGuava());
  }

  /**
   * Torsion: {@code Defer.succeed}, {@code addCallback} (throws), {@code addErrback} (traps,
   * throws), {@code addBoth} (swallows).
   *
   * @param bh consumes the final result
   */
  @Benchmark
  public void torsion(Blackhole bh) {
    bh.consume(runTorsion());
  }

  private Object runTorsion() {
    Deferred<Object> d = Defer.succeed(seed)
        .addCallback(torsionRaise)
        .addErrback(torsionTrapAndRaise)
        .addBoth(torsionSwallow);
    return d.result();
  }

  /**
   * CompletableFuture: {@code completedFuture}, {@code thenApply} (throws), {@code exceptionally}
   * (unwraps, checks the type, throws), {@code handle} (swallows).
   *
   * @param bh consumes the final result
   */
  @Benchmark
  public void completableFuture(Blackhole bh) {
    bh.consume(runCompletableFuture());
  }

  private Object runCompletableFuture() {
    CompletableFuture<Object> f = CompletableFuture.completedFuture(seed)
        .thenApply(cfRaise)
        .exceptionally(cfTrapAndRaise)
        .handle(cfSwallow);
    return f.getNow(NOT_DONE);
  }

  /**
   * Guava: {@code immediateFuture}, {@code transform} (throws), {@code catching} on
   * BenchException (throws), {@code catching} on Throwable (swallows), all on the direct
   * executor.
   *
   * @param bh consumes the final result
   * @throws Exception never: the future is done and successful
   */
  @Benchmark
  public void guava(Blackhole bh) throws Exception {
    bh.consume(runGuava());
  }

  private Object runGuava() throws Exception {
    ListenableFuture<Integer> raised =
        Futures.transform(Futures.immediateFuture(seed), guavaRaise, DIRECT);
    ListenableFuture<Integer> trapped =
        Futures.catching(raised, BenchException.class, guavaTrapAndRaise, DIRECT);
    ListenableFuture<Integer> swallowed =
        Futures.catching(trapped, Throwable.class, guavaSwallow, DIRECT);
    return Futures.getDone(swallowed);
  }
}
