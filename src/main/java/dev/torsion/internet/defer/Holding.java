package dev.torsion.internet.defer;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The {@code run} of {@link DeferredLock} and {@link DeferredSemaphore}: hold, call, release. */
final class Holding {
  private Holding() {}

  /** Acquires; once that fires, makes the call and releases on either outcome. */
  static <R extends @Nullable Object> Deferred<R> run(
      Supplier<Deferred<?>> acquire, Runnable release, Defer.Call<? extends R> f) {
    Objects.requireNonNull(f, "f"); // before acquiring: a refused call must not take the lock
    return acquire.get().addCallbackDeferred(
        ignored -> Defer.<R>maybeDeferred(f).addBoth(result -> releaseAndReturn(release, result)));
  }

  /** As {@link #run}, holding until the Deferred the call returns fires. */
  static <R extends @Nullable Object> Deferred<R> runAsync(
      Supplier<Deferred<?>> acquire, Runnable release,
      Defer.Call<? extends Deferred<? extends R>> f) {
    Objects.requireNonNull(f, "f");
    return acquire.get().addCallbackDeferred(ignored ->
        Defer.<R>maybeDeferredAsync(f).addBoth(result -> releaseAndReturn(release, result)));
  }

  @SuppressWarnings("unchecked")
  private static <R extends @Nullable Object> R releaseAndReturn(
      Runnable release, @Nullable Object result) {
    release.run();
    return (R) result;
  }
}
