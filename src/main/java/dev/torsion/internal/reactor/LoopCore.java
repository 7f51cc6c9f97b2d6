package dev.torsion.internal.reactor;

import dev.torsion.internal.Config;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRestartable;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.threadpool.ThreadPool;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The loop shared by every reactor, around one {@link IoBackend}: the thread-call queue, the
 * delayed calls, the system event triggers and the run/stop lifecycle. One iteration, stage by
 * stage, is described in {@code docs/reactor-loop.md}; the contracts are on the interfaces.
 *
 * <p>Lifecycle ({@link State}): {@code run()} moves NOT_STARTED (or CRASHED) to STARTING and
 * fires "startup", whose first <i>during</i> trigger makes it RUNNING; {@code stop()} makes it
 * STOPPING, and the end of the next timer pass fires "shutdown" (SHUTTING_DOWN), whose first
 * <i>during</i> trigger ends the loop (STOPPED, final: the backend is closed when the loop
 * leaves). {@code crash()} ends the loop at once; a crashed reactor may run again.
 */
public final class LoopCore implements Reactor {
  /** The lifecycle; transitions are in run, stop, crash and the two built-in triggers. */
  enum State { NOT_STARTED, STARTING, RUNNING, CRASHED, STOPPING, SHUTTING_DOWN, STOPPED }

  /** Twisted's cap on one wait (2**31 ms, what epoll_wait takes); a far timer wakes us early. */
  private static final long LONGEST_WAIT_NANOS = 2_147_483L * 1_000_000_000L;

  private final IoBackend backend;
  private final TcpLayer tcp;
  private final LongSupplier time;
  private final TimerQueue timers;
  private final ThreadCallQueue threadCalls;
  private final SystemEvents events;
  private final ReactorThreadPool threads = new ReactorThreadPool(this);
  private final OpenSelectables selectables = new OpenSelectables();
  private final @Nullable Watchdog watchdog;
  private final Consumer<Runnable> runThreadCall = this::runThreadCall;
  private final Consumer<ReactorDelayedCall> runTimer = this::runTimer;
  private volatile LoopLog log = LoopLog.SLF4J;
  private IHostnameResolver resolver = new GaiResolver(this);
  private volatile Thread reactorThread;
  private State state = State.NOT_STARTED;
  /** Twisted's {@code running}: true from the during phase of startup to that of shutdown. */
  private boolean running;
  /** Twisted's {@code _started}: {@code run()} is looping; cleared by crash and at shutdown. */
  private boolean looping;
  /** Guards {@link #iterate} against re-entry from the callbacks it runs. */
  private boolean iterating;
  private @Nullable TriggerId startRunningTrigger;
  private final PollSkip pollSkip;
  /** The clock read for the current timer pass (stage 2); PollSkip's limits count from it. */
  private long passStart;

  /**
   * A reactor over {@code backend}; the calling thread is its thread until {@code run()}. The
   * blocked-loop watchdog is on if {@link Config#blockedLoopWarningMs()} is above 0.
   *
   * @param backend the I/O backend, owned by the reactor from now on
   */
  public LoopCore(IoBackend backend) {
    this(backend, System::nanoTime, Config.blockedLoopWarningMs());
  }

  /**
   * For tests: a given nanosecond clock and watchdog limit.
   *
   * @param nanoClock read like {@link System#nanoTime()}; only differences count
   * @param blockedLoopWarningMs the watchdog limit, 0 for none
   */
  LoopCore(IoBackend backend, LongSupplier nanoClock, long blockedLoopWarningMs) {
    this.backend = Objects.requireNonNull(backend, "backend");
    long origin = nanoClock.getAsLong();
    this.time = () -> nanoClock.getAsLong() - origin;
    this.timers = new TimerQueue(time);
    this.threadCalls = new ThreadCallQueue(backend);
    this.pollSkip = new PollSkip(timers, threadCalls, time);
    LoopLog forwarding = LoopLog.following(() -> log);
    this.events = new SystemEvents(forwarding);
    this.watchdog = blockedLoopWarningMs > 0 ? new Watchdog(blockedLoopWarningMs, forwarding)
        : null;
    this.tcp = new TcpLayer(this, backend);
    this.reactorThread = Thread.currentThread();
    // The reactor's own triggers come first in their phase, so user triggers in "during" see
    // running() already flipped, as in Twisted.
    startRunningTrigger = events.add("during", "startup", this::startedRunning);
    events.add("during", "shutdown", this::shutdownReached);
    // Twisted's disconnectAll: every port and connection still open is closed now.
    events.add("during", "shutdown", () -> selectables.disconnectAll(forwarding));
  }

  /** The backend. @return the backend */
  public IoBackend backend() {
    return backend;
  }

  /**
   * Replaces where the loop reports errors, warnings and blocked iterations (SLF4J by default).
   *
   * @param newLog the new log
   * @return the previous one
   */
  public LoopLog setLog(LoopLog newLog) {
    LoopLog old = log;
    log = Objects.requireNonNull(newLog, "log");
    return old;
  }

  /**
   * For backends: called when a wait returns with events, before dispatching them, so the
   * blocked-loop watchdog counts the time spent in I/O callbacks too. Reactor thread only.
   */
  public void dispatchStarting() {
    pollSkip.dispatched();
    if (watchdog != null) {
      watchdog.busy();
    }
  }

  State state() {
    return state;
  }

  @Override
  public boolean isInReactorThread() {
    return Thread.currentThread() == reactorThread;
  }

  @Override
  public boolean running() {
    return running;
  }

  @Override
  public void run() {
    if (looping) {
      throw new ReactorAlreadyRunning("the reactor is already running");
    }
    if (state == State.STOPPING || state == State.SHUTTING_DOWN || state == State.STOPPED) {
      throw new ReactorNotRestartable("a reactor that was stopped cannot run again");
    }
    if (iterating) {
      throw new IllegalStateException("run() called from inside iterate()");
    }
    reactorThread = Thread.currentThread();
    state = State.STARTING;
    looping = true;
    pollSkip.restart();
    try {
      events.fire("startup");
      mainLoop();
    } finally {
      looping = false;
      leaveLoop(true);
    }
  }

  private void mainLoop() {
    while (looping) {
      try {
        runUntilCurrent();
        if (looping && !(state == State.RUNNING && pollSkip.skip(passStart))) {
          waitForEvents(-1);
        }
      } catch (RuntimeException | Error e) {
        // Callbacks are guarded one by one; only the backend itself can land here.
        log.callbackFailed("the main loop, polling " + backend, e);
      }
    }
  }

  @Override
  public void stop() {
    switch (state) {
      case STARTING:
      case RUNNING:
      case CRASHED:
        // The shutdown event fires at the end of the current timer pass, not from here.
        state = State.STOPPING;
        return;
      default:
        throw new ReactorNotRunning("Can't stop reactor that isn't running.");
    }
  }

  @Override
  public void crash() {
    running = false;
    looping = false;
    if (state == State.STARTING || state == State.RUNNING) {
      state = State.CRASHED;
    }
    if (startRunningTrigger == null) {
      // A crashed reactor may run again: it needs its "during startup" step once more.
      startRunningTrigger = events.add("during", "startup", this::startedRunning);
    }
  }

  private void startedRunning() {
    startRunningTrigger = null;
    running = true;
    if (state == State.STARTING) {
      state = State.RUNNING;
    }
  }

  private void shutdownReached() {
    running = false;
    looping = false;
    state = State.STOPPED;
  }

  @Override
  public void iterate(double delay) {
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    if (iterating || looping) {
      throw new IllegalStateException("iterate() called from inside the reactor loop");
    }
    iterating = true;
    try {
      runUntilCurrent();
      waitForEvents(ReactorDelayedCall.toNanos(delay));
    } finally {
      iterating = false;
      leaveLoop(false);
    }
  }

  /** The loop thread goes back to its caller; {@code run()} also stops the watchdog. */
  private void leaveLoop(boolean runEnded) {
    if (watchdog != null) {
      if (runEnded) {
        watchdog.close();
      } else {
        watchdog.idle();
      }
    }
    if (state == State.STOPPED) {
      backend.close();
      tcp.close();
    }
  }

  /** Stages 1–3 of an iteration: thread calls, due timers, and a requested shutdown. */
  private void runUntilCurrent() {
    if (watchdog != null) {
      watchdog.busy();
    }
    threadCalls.runPending(runThreadCall);
    passStart = time.getAsLong();
    timers.runDue(passStart, runTimer);
    if (state == State.STOPPING) {
      state = State.SHUTTING_DOWN;
      events.fire("shutdown");
    }
  }

  /** Stages 4–5: how long to wait, then the backend's wait and dispatch. */
  private void waitForEvents(long maxWaitNanos) {
    if (state == State.STOPPED) {
      return;
    }
    pollSkip.polling(passStart);
    long timeout = timers.hasImmediate() ? 0 : timers.nanosUntilNext(time.getAsLong());
    if (maxWaitNanos >= 0 && (timeout < 0 || timeout > maxWaitNanos)) {
      timeout = maxWaitNanos;
    }
    if (timeout > LONGEST_WAIT_NANOS) {
      timeout = LONGEST_WAIT_NANOS;
    }
    if (state == State.STOPPING) {
      timeout = 0;
    }
    boolean mayBlock = timeout != 0 && threadCalls.prepareToWait();
    if (!mayBlock) {
      timeout = 0;
    }
    if (watchdog != null) {
      watchdog.idle();
    }
    try {
      backend.poll(timeout);
    } finally {
      if (mayBlock) {
        threadCalls.awake();
      }
      if (watchdog != null) {
        watchdog.busy();
      }
    }
  }

  private void runThreadCall(Runnable call) {
    try {
      call.run();
    } catch (Throwable e) {
      log.callbackFailed(call, e);
    }
  }

  private void runTimer(ReactorDelayedCall call) {
    Runnable r = call.take();
    try {
      r.run();
    } catch (Throwable e) {
      log.callbackFailed(call, e);
    }
  }

  @Override
  public void fireSystemEvent(String eventType) {
    events.fire(eventType);
  }

  @Override
  public TriggerId addSystemEventTrigger(String phase, String eventType,
      Defer.Call<? extends @Nullable Deferred<?>> callable) {
    return events.add(phase, eventType, callable);
  }

  @Override
  public void removeSystemEventTrigger(TriggerId triggerId) {
    events.remove(triggerId);
  }

  @Override
  public @Nullable TriggerId callWhenRunning(Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    if (running) {
      callable.run();
      return null;
    }
    return events.add("after", "startup", callable);
  }

  @Override
  public double seconds() {
    return time.getAsLong() / 1e9;
  }

  @Override
  public IDelayedCall callLater(double delay, Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    return timers.schedule(ReactorDelayedCall.toNanos(delay), callable);
  }

  @Override
  public List<IDelayedCall> getDelayedCalls() {
    return timers.pending();
  }

  /** Whether the loop has said it is about to block (for tests of the wake-up). */
  boolean loopWaiting() {
    return threadCalls.loopWaiting();
  }

  boolean hasWatchdog() {
    return watchdog != null;
  }

  /** The timer heap, for tests of its lazy removal. */
  TimerQueue timers() {
    return timers;
  }

  @Override
  public void callFromThread(Runnable callable) {
    threadCalls.add(Objects.requireNonNull(callable, "callable"));
  }

  @Override
  public void callInThread(Runnable callable) {
    threads.callInThread(callable);
  }

  @Override
  public ThreadPool getThreadPool() {
    return threads.pool();
  }

  @Override
  public void suggestThreadPoolSize(int size) {
    threads.suggestThreadPoolSize(size);
  }

  /**
   * Records an open port or connection, closed at shutdown unless removed first.
   *
   * @param s the port or connection
   */
  public void addSelectable(Selectable s) {
    selectables.add(s);
  }

  /** Forgets a port or connection ({@code s}) that has closed. */
  public void removeSelectable(Selectable s) {
    selectables.remove(s);
  }

  /**
   * The ports and connections open now, in the order they opened.
   *
   * @return a copy
   */
  public List<Selectable> selectables() {
    return selectables.snapshot();
  }

  @Override
  public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
    return tcp.listenTCP(port, factory, backlog, iface);
  }

  @Override
  public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    return tcp.connectTCP(host, port, factory, timeout, bindAddress);
  }

  @Override
  public IListeningPort listenSSL(int port, IProtocolFactory factory,
      ITLSConnectionCreator contextFactory, int backlog, String iface) {
    return SslLayer.listenSSL(this, port, factory, contextFactory, backlog, iface);
  }

  @Override
  public IConnector connectSSL(String host, int port, ClientFactory factory,
      ITLSConnectionCreator contextFactory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    return SslLayer.connectSSL(this, host, port, factory, contextFactory, timeout, bindAddress);
  }

  @Override
  public IListeningPort adoptStreamPort(java.nio.channels.ServerSocketChannel channel,
      IProtocolFactory factory) {
    return tcp.adoptStreamPort(channel, factory);
  }

  @Override
  public void adoptStreamConnection(java.nio.channels.SocketChannel channel,
      IProtocolFactory factory) {
    tcp.adoptStreamConnection(channel, factory);
  }

  @Override
  public IHostnameResolver nameResolver() {
    return resolver;
  }

  @Override
  public IHostnameResolver installNameResolver(IHostnameResolver newResolver) {
    IHostnameResolver old = resolver;
    resolver = Objects.requireNonNull(newResolver, "resolver");
    return old;
  }

  @Override
  public java.util.Optional<dev.torsion.internet.interfaces.IReactorFDSet> fdSet() {
    return java.util.Optional.ofNullable(backend.fdSet());
  }

  /** Reads like Twisted's reactor repr, with the backend and the lifecycle state. */
  @Override
  public String toString() {
    return "<" + getClass().getName() + " object at 0x"
        + Integer.toHexString(System.identityHashCode(this)) + " backend=" + backend
        + " " + state + ">";
  }

  @Override
  public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog,
      int mode, boolean wantPID) {
    return tcp.listenUNIX(address, factory, backlog, mode, wantPID);
  }

  @Override
  public IConnector connectUNIX(String address, ClientFactory factory, double timeout,
      boolean checkPID) {
    return tcp.connectUNIX(address, factory, timeout, checkPID);
  }
}
