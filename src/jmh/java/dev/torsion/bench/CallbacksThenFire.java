package dev.torsion.bench;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import dev.torsion.internet.defer.Callback;
import dev.torsion.internet.defer.Deferred;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Shape (a): create an unfired result, add {@value #CALLBACKS} callbacks that each add one to the
 * value, then fire it. Each callback sees the previous one's result, so CompletableFuture and
 * Guava build a chain of {@value #CALLBACKS} dependent futures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallbacksThenFire {
  static final int CALLBACKS = 10;

  private static final Callback<Integer, Integer> TORSION_INC = x -> x + 1;
  private static final Function<Integer, Integer> CF_INC = x -> x + 1;
  private static final com.google.common.base.Function<Integer, Integer> GUAVA_INC = x -> x + 1;
  private static final Executor DIRECT = MoreExecutors.directExecutor();

  /** The value fired; a field so the JIT cannot fold it into a constant. */
  public int seed = 1;

  /**
   * Checks that the three variants do the same work and produce {@code seed + CALLBACKS}.
   *
   * @throws Exception if a variant fails
   */
  @Setup(Level.Trial)
  public void check() throws Exception {
    Object expected = seed + CALLBACKS;
    Results.expect("torsion", expected, runTorsion());
    Results.expect("completableFuture", expected, runCompletableFuture());
    Results.expect("guava", expected, runGuava());
  }

  /**
   * Torsion: {@code new Deferred}, {@code addCallback} x10, {@code callback}.
   *
   * @param bh consumes the final result
   */
  @Benchmark
  public void torsion(Blackhole bh) {
    bh.consume(runTorsion());
  }

  private Object runTorsion() {
    Deferred<Integer> d = new Deferred<>();
    Deferred<Integer> last = d;
    for (int i = 0; i < CALLBACKS; i++) {
      last = last.addCallback(TORSION_INC);
    }
    d.callback(seed);
    return last.result();
  }

  /**
   * CompletableFuture: {@code new CompletableFuture}, {@code thenApply} x10, {@code complete}.
   *
   * @param bh consumes the final result
   */
  @Benchmark
  public void completableFuture(Blackhole bh) {
    bh.consume(runCompletableFuture());
  }

  private Object runCompletableFuture() {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    CompletableFuture<Integer> last = f;
    for (int i = 0; i < CALLBACKS; i++) {
      last = last.thenApply(CF_INC);
    }
    f.complete(seed);
    return last.getNow(null);
  }

  /**
   * Guava: {@code SettableFuture.create}, {@code Futures.transform} x10 on the direct executor,
   * {@code set}.
   *
   * @param bh consumes the final result
   * @throws Exception never: the future is done and successful
   */
  @Benchmark
  public void guava(Blackhole bh) throws Exception {
    bh.consume(runGuava());
  }

  private Object runGuava() throws Exception {
    SettableFuture<Integer> f = SettableFuture.create();
    ListenableFuture<Integer> last = f;
    for (int i = 0; i < CALLBACKS; i++) {
      last = Futures.transform(last, GUAVA_INC, DIRECT);
    }
    f.set(seed);
    return Futures.getDone(last);
  }
}
