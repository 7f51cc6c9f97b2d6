package dev.torsion.internal.defer;

import com.google.common.util.concurrent.AbstractFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.torsion.internet.defer.CancelledError;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Adapters between Deferred and CompletableFuture / Guava ListenableFuture.
 *
 * <p>Cancelling a Deferred made from a future follows Twisted's {@code fromFuture}: the future is
 * cancelled, and the Deferred then fires with the future's outcome (a {@link CancelledError} when
 * the cancel took, the real result when the future had already completed and its result was still
 * on its way through the reactor). Only a future that cannot be cancelled at all makes the Deferred
 * fail with {@code CancelledError} at once.
 */
public final class FutureInterop {
  /** The result a cancel fires the adapting Deferred with, to make it wait for the future. */
  private static final Object FUTURE_CANCELLED = new Object();

  private FutureInterop() {}

  /** A Deferred fired by {@code stage}; cancelling it cancels the stage, if it is a Future. */
  public static <T extends @Nullable Object> Deferred<T> fromStage(
      CompletionStage<T> stage, @Nullable IReactorFromThreads reactor) {
    Objects.requireNonNull(stage, "stage");
    Bridge<T> bridge = new Bridge<>(stage instanceof Future ? (Future<?>) stage : null, reactor);
    stage.whenComplete((value, error) ->
        bridge.deliver(error == null ? value : failureOf(error)));
    return bridge.deferred;
  }

  /** A Deferred fired by {@code future}; cancelling it cancels the future. */
  public static <T extends @Nullable Object> Deferred<T> fromListenable(
      ListenableFuture<T> future, @Nullable IReactorFromThreads reactor) {
    Objects.requireNonNull(future, "future");
    Bridge<T> bridge = new Bridge<>(future, reactor);
    Futures.addCallback(future, new FutureCallback<T>() {
      @Override
      public void onSuccess(T value) {
        bridge.deliver(value);
      }

      @Override
      public void onFailure(Throwable error) {
        bridge.deliver(failureOf(error));
      }
    }, MoreExecutors.directExecutor());
    return bridge.deferred;
  }

  /** Carries one future's outcome into a Deferred. */
  private static final class Bridge<T extends @Nullable Object> {
    private final @Nullable Future<?> future;
    private final @Nullable IReactorFromThreads reactor;
    final Deferred<T> deferred;
    /**
     * The Deferred the outcome fires: {@link #deferred} until a cancel makes it wait on a fresh
     * one. Read and written on the Deferred's thread only.
     */
    private Deferred<?> target;

    @SuppressWarnings("unchecked")
    Bridge(@Nullable Future<?> future, @Nullable IReactorFromThreads reactor) {
      this.future = future;
      this.reactor = reactor;
      Deferred<T> d = new Deferred<>(this::cancel);
      this.deferred = d;
      this.target = d;
      // The first callback turns the cancel marker into a wait for the future's outcome.
      d.addCallback(value -> value == FUTURE_CANCELLED ? target : value);
    }

    @SuppressWarnings("unchecked")
    private void cancel(Deferred<T> d) {
      if (future == null) {
        return; // not cancellable: the Deferred fails with CancelledError now
      }
      try {
        future.cancel(false);
      } catch (UnsupportedOperationException e) {
        return; // e.g. CompletableFuture.minimalCompletionStage(): same as not cancellable
      }
      if (!d.called()) {
        // The outcome is on its way (queued on the reactor, or the future declined to cancel
        // and will finish): wait for it rather than fail with CancelledError now.
        target = new Deferred<>();
        d.callback((T) FUTURE_CANCELLED);
      }
    }

    void deliver(@Nullable Object outcome) {
      if (reactor == null) {
        fire(outcome);
      } else {
        reactor.callFromThread(() -> fire(outcome));
      }
    }

    @SuppressWarnings("unchecked")
    private void fire(@Nullable Object outcome) {
      Deferred<@Nullable Object> to = (Deferred<@Nullable Object>) target;
      if (to.called()) {
        return; // cancelled before the outcome reached us
      }
      if (outcome instanceof Failure) {
        to.errback((Failure) outcome);
      } else if (outcome instanceof Deferred) {
        to.errback(new IllegalArgumentException(
            "a future completed with a Deferred, which cannot be a Deferred's result"));
      } else {
        to.callback(outcome);
      }
    }
  }

  private static Failure failureOf(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) {
      CancelledError cancelled = new CancelledError("the future was cancelled");
      cancelled.initCause(cause);
      return new Failure(cancelled);
    }
    return new Failure(cause);
  }

  /** A CompletableFuture completed by {@code deferred}; cancelling it cancels the Deferred. */
  public static <T extends @Nullable Object> CompletableFuture<T> toCompletable(
      Deferred<T> deferred) {
    CompletableFuture<T> future = new CompletableFuture<T>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
          deferred.cancel();
        }
        return cancelled;
      }
    };
    // A result that arrives after the future was cancelled is dropped, as Twisted drops it.
    deferred.addCallbacks(value -> {
      future.complete(value);
      return null;
    }, failure -> {
      future.completeExceptionally(failure.value());
      return null;
    });
    return future;
  }

  /** A ListenableFuture completed by {@code deferred}; cancelling it cancels the Deferred. */
  public static <T extends @Nullable Object> ListenableFuture<T> toListenable(
      Deferred<T> deferred) {
    DeferredFuture<T> future = new DeferredFuture<>(deferred);
    deferred.addCallbacks(value -> {
      future.complete(value);
      return null;
    }, failure -> {
      future.fail(failure.value());
      return null;
    });
    return future;
  }

  private static final class DeferredFuture<T extends @Nullable Object> extends AbstractFuture<T> {
    private final Deferred<T> deferred;

    DeferredFuture(Deferred<T> deferred) {
      this.deferred = deferred;
    }

    void complete(T value) {
      set(value);
    }

    void fail(Throwable error) {
      setException(error);
    }

    @Override
    protected void afterDone() {
      if (isCancelled()) {
        deferred.cancel();
      }
    }
  }
}
