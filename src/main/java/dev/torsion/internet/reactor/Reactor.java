package dev.torsion.internet.reactor;

import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IReactorPluggableNameResolver;
import dev.torsion.internet.interfaces.IReactorSSL;
import dev.torsion.internet.interfaces.IReactorSocket;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorThreads;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IReactorUNIX;

/**
 * Everything a Torsion reactor provides, in one type: what Twisted's {@code reactor} object is.
 * Code that needs only one facet should ask for that interface ({@link IReactorTime} for timers,
 * {@link IReactorTCP} for TCP), so that tests can hand it a {@code task.Clock} or a
 * {@code MemoryReactor}.
 *
 * @twisted twisted.internet.reactor
 */
public interface Reactor extends IReactorCore, IReactorTime, IReactorThreads, IReactorTCP,
    IReactorSocket, IReactorPluggableNameResolver, IReactorUNIX, IReactorSSL {
  /**
   * Whether the calling thread is the reactor thread (the thread in {@code run()}, or the one
   * that built the reactor before it runs).
   *
   * @return true on the reactor thread
   * @twisted twisted.python.threadable.isInIOThread
   */
  boolean isInReactorThread();

  /**
   * The reactor's {@code IReactorFDSet} facet, present only on readiness reactors that can
   * watch any descriptor (epoll, poll); the Java form of Twisted's
   * {@code IReactorFDSet.providedBy(reactor)}.
   *
   * @return the facet, or empty (the default) when this reactor does not provide it
   * @twisted twisted.internet.interfaces.IReactorFDSet
   */
  default java.util.Optional<dev.torsion.internet.interfaces.IReactorFDSet> fdSet() {
    return java.util.Optional.empty();
  }
}
