package dev.torsion.internet.epoll;

import dev.torsion.internal.linux.LinuxPlatform;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    String cause = LinuxPlatform.unavailabilityCause();
    if (cause != null) {
      return cause;
    }
    try {
      new EpollBackend().close();
      return null;
    } catch (IOException | RuntimeException | LinkageError e) {
      return "the kernel refuses epoll: " + e.getMessage();
    }
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
    String cause = Probe.CAUSE;
    if (cause != null) {
      throw new UnsupportedOperationException("the epoll reactor cannot run here: " + cause);
    }
    EpollBackend backend;
    try {
      backend = new EpollBackend();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open epoll", e);
    }
    LoopCore core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
    // Twisted's disconnectAll also ends the descriptors watched through IReactorFDSet.
    core.addSystemEventTrigger("during", "shutdown", () -> backend.fdSet().disconnectAll());
    return core;
  }
}
