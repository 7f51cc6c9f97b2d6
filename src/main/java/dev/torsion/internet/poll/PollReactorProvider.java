package dev.torsion.internet.poll;

import dev.torsion.internal.linux.NativeProviders;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import org.jspecify.annotations.Nullable;

/**
 * Offers the {@code poll} reactor: poll(2) through JNA, on Linux (x86-64, aarch64); the
 * default where epoll is refused, ahead of {@code nio}, as Twisted's {@code default.py}.
 *
 * <p><b>Differences from Twisted.</b> Sockets are native descriptors; JDK channels given to
 * {@code adoptStreamPort} and {@code adoptStreamConnection} are adopted with their descriptor.
 *
 * @twisted twisted.internet.pollreactor.install
 */
public final class PollReactorProvider implements ReactorProvider {
  /** Probed on first use, not when the service loader makes the provider. */
  private static final class Probe {
    static final @Nullable String CAUSE = probe();
  }

  /** For {@link java.util.ServiceLoader}. */
  public PollReactorProvider() {}

  private static @Nullable String probe() {
    return NativeProviders.probe("poll or eventfd", PollBackend::new);
  }

  @Override
  public String name() {
    return "poll";
  }

  @Override
  public String description() {
    return "poll(2) through JNA, the Linux fallback";
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
    return 20;
  }

  @Override
  public Reactor create() {
    PollBackend backend =
        NativeProviders.open("poll", Probe.CAUSE, "the poll backend", PollBackend::new);
    LoopCore core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
    // Twisted's disconnectAll also ends the descriptors watched through IReactorFDSet.
    core.addSystemEventTrigger("during", "shutdown", () -> backend.fdSet().disconnectAll());
    return core;
  }
}
