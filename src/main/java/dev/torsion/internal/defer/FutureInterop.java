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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/** Adapters between Deferred and CompletableFuture / Guava ListenableFuture. */
public final class FutureInterop {
  private FutureInterop() {}

  /** A Deferred fired by {@code stage}; cancelling it cancels the stage's future. */
  public static <T extends @Nullable Object> Deferred<T> fromStage(
      CompletionStage<T> stage, @Nullable IReactorFromThreads reactor) {
    CompletableFuture<T> future = stage.toCompletableFuture();
    Deferred<T> deferred = new Deferred<>(d -> future.cancel(false));
    future.whenComplete((value, error) ->
        deliver(deferred, reactor, () -> error == null ? value : failureOf(error)));
    return deferred;
  }

  /** A Deferred fired by {@code future}; cancelling it cancels the future. */
  public static <T extends @Nullable Object> Deferred<T> fromListenable(
      ListenableFuture<T> future, @Nullable IReactorFromThreads reactor) {
    Deferred<T> deferred = new Deferred<>(d -> future.cancel(false));
    Futures.addCallback(future, new FutureCallback<T>() {
      @Override
      public void onSuccess(T value) {
        deliver(deferred, reactor, () -> value);
      }

      @Override
      public void onFailure(Throwable error) {
        deliver(deferred, reactor, () -> failureOf(error));
      }
    }, MoreExecutors.directExecutor());
    return deferred;
  }

  private interface Outcome {
    @Nullable Object get();
  }

  @SuppressWarnings("unchecked")
  private static <T extends @Nullable Object> void deliver(
      Deferred<T> deferred, @Nullable IReactorFromThreads reactor, Outcome outcome) {
    Runnable fire = () -> {
      if (deferred.called()) {
        return; // cancelled before the future's completion reached us
      }
      Object result = outcome.get();
      if (result instanceof Failure) {
        deferred.errback((Failure) result);
      } else {
        deferred.callback((T) result);
      }
    };
    if (reactor == null) {
      fire.run();
    } else {
      reactor.callFromThread(fire);
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
