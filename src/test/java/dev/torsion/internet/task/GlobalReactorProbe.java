package dev.torsion.internet.task;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * A program run in a child JVM by {@link GlobalReactorTest}: each mode exercises one form that
 * uses the global reactor, prints what it saw, and ends through {@link Task#react}.
 */
public final class GlobalReactorProbe {
  private GlobalReactorProbe() {}

  /**
   * Runs the mode named by {@code args[0]}, passing the rest as {@code react}'s argv.
   *
   * @param args the mode, then arguments
   */
  public static void main(String[] args) {
    List<String> rest = List.of(args).subList(1, args.length);
    switch (args[0]) {
      case "react":
        Task.react((reactor, argv) -> {
          System.out.println("same=" + (reactor == Reactors.current()) + " argv=" + argv);
          Deferred<Void> done = new Deferred<>();
          reactor.callLater(0.01, () -> done.callback(null));
          return done;
        }, rest);
        break;
      case "reactFuture":
        Task.react((Reactor reactor, List<String> argv) -> {
          System.out.println("same=" + (reactor == Reactors.current()));
          CompletableFuture<String> work = CompletableFuture.supplyAsync(() -> "computed");
          return Deferred.fromFuture(work, reactor).addCallback(r -> {
            System.out.println("result=" + r + " onReactor=" + reactor.isInReactorThread());
            return null;
          });
        }, rest);
        break;
      case "reactExit":
        Task.react((reactor, argv) -> Defer.fail(new SystemExit(Integer.parseInt(argv.get(0)))),
            rest);
        break;
      case "loopingCall":
        loopingCall(rest);
        break;
      case "cooperate":
        cooperate(rest);
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void loopingCall(List<String> rest) {
    int[] calls = {0};
    LoopingCall[] lc = new LoopingCall[1];
    lc[0] = new LoopingCall(() -> {
      calls[0]++;
      if (calls[0] == 3) {
        lc[0].stop();
      }
    });
    System.out.println("defaultClock=" + (lc[0].clock() == Reactors.current()));
    Task.react((reactor, argv) -> lc[0].start(0.01).addCallback(self -> {
      System.out.println("calls=" + calls[0] + " sameLoop=" + (self == lc[0]));
      return null;
    }), rest);
  }

  private static void cooperate(List<String> rest) {
    Deferred<String> d = new Deferred<>();
    Iterator<Integer> doit = new Iterator<>() {
      private int next = 1;

      @Override
      public boolean hasNext() {
        return next <= 4;
      }

      @Override
      public Integer next() {
        if (next > 4) {
          throw new NoSuchElementException();
        }
        if (next == 4) {
          d.callback("yay");
        }
        return next++;
      }
    };
    CooperativeTask<Iterator<Integer>> theTask = Task.cooperate(doit);
    System.out.println("inTheCooperator=" + (theTask.cooperator() == Task.theCooperator()));
    Task.react((reactor, argv) -> d.addCallback(r -> {
      System.out.println("result=" + r);
      return Task.coiterate(List.of(1, 2, 3).iterator()).addCallback(it -> {
        System.out.println("coiterated=" + !it.hasNext());
        return null;
      });
    }), rest);
  }
}
