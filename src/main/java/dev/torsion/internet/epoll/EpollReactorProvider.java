package dev.torsion.internet.epoll;

import dev.torsion.internal.linux.NativeProviders;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import org.jspecify.annotations.Nullable;

/**
 * Offers the {@code epoll} reactor: epoll(7) through JNA, on Linux (x86-64, aarch64). It is the
 * platform default wherever it is supported, ahead of {@code poll} and {@code nio}, as
 * Twisted's {@code default.py} prefers epoll on Linux.
 *
 * <p><b>Differences from Twisted.</b> Sockets are native descriptors; JDK channels given to
 * {@code adoptStreamPort} and {@code adoptStreamConnection} are adopted with their descriptor.
 *
 * @twisted twisted.internet.epollreactor.install
 */
public final class EpollReactorProvider implements ReactorProvider {
  /** Probed on first use, not when the service loader makes the provider. */
  private static final class Probe {
    static final @Nullable String CAUSE = probe();
  }

  /** For {@link java.util.ServiceLoader}. */
  public EpollReactorProvider() {}

  private static @Nullable String probe() {
    return NativeProviders.probe("epoll", EpollBackend::new);
  }

  @Override
  public String name() {
    return "epoll";
  }

  @Override
  public String description() {
    return "Linux epoll(7) through JNA";
  }

  @Override
  public boolean isSupported() {
    return Probe.CAUSE == null;
  }

  @Override
  public @Nullable String unavailabilityCause() {
    return Probe.CAUSE;
  }

  @Override
  public int preference() {
    return 30;
  }

  @Override
  public Reactor create() {
    EpollBackend backend =
        NativeProviders.open("epoll", Probe.CAUSE, "epoll", EpollBackend::new);
    LoopCore core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
    // Twisted's disconnectAll also ends the descriptors watched through IReactorFDSet.
    core.addSystemEventTrigger("during", "shutdown", () -> backend.fdSet().disconnectAll());
    return core;
  }
}
