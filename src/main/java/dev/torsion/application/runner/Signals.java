package dev.torsion.application.runner;

import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.reactor.Reactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGINT and SIGTERM for the runner: the first stops the reactor, the second (during a stuck
 * shutdown) crashes it.
 *
 * <p>Why {@code sun.misc.Signal} (module {@code jdk.unsupported}) rather than a shutdown hook:
 * a hook runs while the JVM is already exiting, with status 130 or 143 whatever the hook does,
 * and races the reactor thread; a handler replaces the JVM's default action, so the signal only
 * asks the reactor, through {@link Reactor#callFromThread}, to stop. The shutdown triggers then
 * run on the reactor thread (ports close, connections see {@code connectionLost}, services
 * stop), {@code run()} returns and {@link Twist#main} exits 0.
 *
 * <p>The API is reached by reflection, so that compiling and documenting Torsion needs no
 * internal API; without {@code jdk.unsupported} the JVM's defaults stay (and a warning says
 * so). A signal that was ignored when the JVM started (SIGINT for a background job of a
 * non-interactive shell, or under {@code nohup}) stays ignored: the JVM installs no handler.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private enum State { RUNNING, STOPPING, CRASHED }

  private final Reactor reactor;
  private final Runnable markCrashed;
  private State state = State.RUNNING;

  Signals(Reactor reactor, Runnable markCrashed) {
    this.reactor = reactor;
    this.markCrashed = markCrashed;
  }

  /** Handles SIGINT and SIGTERM for {@code reactor} from now on. */
  static void install(Reactor reactor, Runnable markCrashed) {
    Signals s = new Signals(reactor, markCrashed);
    for (String name : new String[] {"INT", "TERM"}) {
      // The JVM calls handlers on a thread of its own; the work is handed to the reactor.
      handle(name, () -> reactor.callFromThread(() -> s.signalled(name)));
    }
  }

  /** {@code sun.misc.Signal.handle(new Signal(name), sig -> action.run())}, by reflection. */
  private static void handle(String name, Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(),
          new Class<?>[] {handler}, (self, method, args) -> {
            switch (method.getName()) {
              case "handle":
                action.run();
                return null;
              case "hashCode":
                return System.identityHashCode(self);
              case "equals":
                return self == args[0];
              default:
                return "SignalHandler(SIG" + name + ")";
            }
          });
      Method handle = signal.getMethod("handle", signal, handler);
      handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.warn("cannot handle SIG{} (the JVM's default applies: exit without shutdown "
          + "triggers): {}", name, e.toString());
    }
  }

  /** A signal arrived; runs on the reactor thread. */
  void signalled(String name) {
    switch (state) {
      case RUNNING:
        state = State.STOPPING;
        LOG.info("received SIG{}, shutting down", name);
        try {
          if (reactor.running()) {
            reactor.stop();
          } else {
            reactor.callWhenRunning(reactor::stop);
          }
        } catch (ReactorNotRunning e) {
          LOG.debug("the reactor is stopping already: {}", e.getMessage());
        }
        break;
      case STOPPING:
        state = State.CRASHED;
        LOG.warn("received SIG{} again during shutdown: crashing the reactor", name);
        markCrashed.run();
        reactor.crash();
        break;
      default:
        break;
    }
  }
}
