package dev.torsion.internal.reactor;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRestartable;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.threadpool.ThreadPool;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop shared by every reactor: timers, the thread-call queue, system event triggers, and
 * the run/stop lifecycle, around one {@link IoBackend}. (Skeleton: issue 3's loop-core work
 * completes it — thread pool, resolver, watchdog, lazy timer removal.)
 */
public final class LoopCore implements Reactor {
  private static final Logger LOG = LoggerFactory.getLogger(LoopCore.class);

  private enum State { NOT_STARTED, RUNNING, STOPPING, STOPPED }

  private final IoBackend backend;
  private final TcpLayer tcp;
  private final long origin = System.nanoTime();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final ConcurrentLinkedQueue<Runnable> threadCalls = new ConcurrentLinkedQueue<>();
  private final SystemEvents events = new SystemEvents(this);
  private final ReactorThreadPool threads = new ReactorThreadPool(this);
  private final java.util.Set<Selectable> selectables = new java.util.LinkedHashSet<>();
  private IHostnameResolver resolver = new GaiResolver(this);
  private volatile @Nullable Thread reactorThread;
  private State state = State.NOT_STARTED;
  private boolean running;
  private boolean loopEnded;
  private long nextSequence;

  /**
   * A reactor over {@code backend}; the calling thread is its thread until {@code run()}.
   *
   * @param backend the I/O backend, owned by the reactor from now on
   */
  public LoopCore(IoBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.tcp = new TcpLayer(this, backend);
    this.reactorThread = Thread.currentThread();
  }

  /** The backend. @return the backend */
  public IoBackend backend() {
    return backend;
  }

  @Override
  public boolean isInReactorThread() {
    return Thread.currentThread() == reactorThread;
  }

  void setRunning(boolean value) {
    running = value;
  }

  @Override
  public boolean running() {
    return running;
  }

  @Override
  public void run() {
    if (state == State.RUNNING || state == State.STOPPING) {
      throw new ReactorAlreadyRunning();
    }
    if (state == State.STOPPED) {
      throw new ReactorNotRestartable();
    }
    reactorThread = Thread.currentThread();
    state = State.RUNNING;
    loopEnded = false;
    events.fire("startup");
    try {
      while (!loopEnded) {
        iterateOnce(-1);
      }
    } finally {
      state = State.STOPPED;
      running = false;
    }
  }

  @Override
  public void stop() {
    if (state != State.RUNNING) {
      throw new ReactorNotRunning("Can't stop reactor that isn't running.");
    }
    state = State.STOPPING;
    // Twisted fires the shutdown event from the loop, after the current iteration.
    callLater(0, () -> events.fire("shutdown"));
  }

  /** Called by {@link SystemEvents} when the shutdown event has finished. */
  void shutdownFinished() {
    loopEnded = true;
  }

  @Override
  public void crash() {
    loopEnded = true;
    running = false;
  }

  @Override
  public void iterate(double delay) {
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    iterateOnce((long) (delay * 1e9));
  }

  private void iterateOnce(long maxWaitNanos) {
    runThreadCalls();
    runDueTimers();
    if (loopEnded) {
      return;
    }
    long wait = maxWaitNanos;
    if (!threadCalls.isEmpty()) {
      wait = 0;
    } else if (!timers.isEmpty()) {
      long untilNext = Math.max(0, timers.peek().dueNanos - (System.nanoTime() - origin));
      wait = wait < 0 ? untilNext : Math.min(wait, untilNext);
    }
    backend.poll(wait);
  }

  private void runThreadCalls() {
    Runnable call;
    // Only the calls queued before this pass: a call that queues another waits a turn.
    int n = threadCalls.size();
    while (n-- > 0 && (call = threadCalls.poll()) != null) {
      runLogged(call);
    }
  }

  private void runDueTimers() {
    long now = System.nanoTime() - origin;
    while (!timers.isEmpty() && timers.peek().dueNanos <= now) {
      Timer t = timers.poll();
      if (t.cancelled) {
        continue;
      }
      t.called = true;
      runLogged(t.callable);
    }
  }

  static void runLogged(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | Error e) {
      LOG.error("Unhandled error in reactor callback {}", r, e);
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
    if (running) {
      runLogged(callable);
      return null;
    }
    return addSystemEventTrigger("after", "startup", callable);
  }

  @Override
  public double seconds() {
    return (System.nanoTime() - origin) / 1e9;
  }

  @Override
  public IDelayedCall callLater(double delay, Runnable callable) {
    Objects.requireNonNull(callable, "callable");
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, not " + delay);
    }
    Timer t = new Timer((System.nanoTime() - origin) + (long) (delay * 1e9), nextSequence++,
        callable);
    timers.add(t);
    return t;
  }

  @Override
  public List<IDelayedCall> getDelayedCalls() {
    List<IDelayedCall> out = new ArrayList<>();
    for (Timer t : timers) {
      if (!t.cancelled) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public void callFromThread(Runnable callable) {
    threadCalls.add(Objects.requireNonNull(callable, "callable"));
    backend.wakeUp();
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

  /**
   * Forgets a port or connection that has closed.
   *
   * @param s the port or connection
   */
  public void removeSelectable(Selectable s) {
    selectables.remove(s);
  }

  /**
   * The ports and connections open now, in the order they opened.
   *
   * @return a copy
   */
  public List<Selectable> selectables() {
    return new ArrayList<>(selectables);
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

  private final class Timer implements IDelayedCall, Comparable<Timer> {
    long dueNanos;
    final long sequence;
    final Runnable callable;
    boolean cancelled;
    boolean called;

    Timer(long dueNanos, long sequence, Runnable callable) {
      this.dueNanos = dueNanos;
      this.sequence = sequence;
      this.callable = callable;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public double getTime() {
      return dueNanos / 1e9;
    }

    @Override
    public void cancel() {
      if (cancelled) {
        throw new dev.torsion.internet.error.AlreadyCancelled(toString());
      }
      if (called) {
        throw new dev.torsion.internet.error.AlreadyCalled(toString());
      }
      cancelled = true;
    }

    @Override
    public void reset(double secondsFromNow) {
      throw new UnsupportedOperationException("not yet built");
    }

    @Override
    public void delay(double secondsLater) {
      throw new UnsupportedOperationException("not yet built");
    }

    @Override
    public boolean active() {
      return !cancelled && !called;
    }
  }
}
