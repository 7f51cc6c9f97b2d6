package dev.torsion.internet.uring;

import dev.torsion.internal.linux.NativeProviders;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import org.jspecify.annotations.Nullable;

/**
 * Offers the {@code uring} reactor: io_uring through JNA, completion-based, on Linux 5.11 or
 * later (x86-64, aarch64). Chosen by name; as a default it ranks below {@code epoll} and above
 * {@code poll}.
 *
 * <p>It is unavailable, and says why, where the kernel has no io_uring (ENOSYS), where a
 * seccomp policy (as in many containers) or the {@code kernel.io_uring_disabled} sysctl refuses
 * it (EPERM), or where the kernel lacks a feature or an operation the backend needs.
 *
 * <p><b>Differences from Twisted.</b> Twisted has no io_uring reactor; its completion-based
 * reactor is {@code iocpreactor} (Windows), whose place this one takes on Linux, passing the same
 * suite as the readiness reactors. Sockets are native descriptors; JDK channels given to
 * {@code adoptStreamPort} and {@code adoptStreamConnection} are adopted with their descriptor.
 * Accepting waits on the ring for a connection and then takes it with {@code accept4}, so the
 * port decides when connections (and descriptors) are taken, as Twisted's accept loop needs.
 *
 * @twisted twisted.internet.iocpreactor.reactor.install
 */
public final class UringReactorProvider implements ReactorProvider {
  /** Probed on first use, not when the service loader makes the provider. */
  private static final class Probe {
    static final @Nullable String CAUSE = probe();
  }

  /** For {@link java.util.ServiceLoader}. */
  public UringReactorProvider() {}

  private static @Nullable String probe() {
    return NativeProviders.probe("io_uring", UringBackend::new);
  }

  @Override
  public String name() {
    return "uring";
  }

  @Override
  public String description() {
    return "Linux io_uring through JNA, completion-based";
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
    return 25;
  }

  @Override
  public Reactor create() {
    UringBackend backend =
        NativeProviders.open("uring", Probe.CAUSE, "io_uring", UringBackend::new);
    LoopCore core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
    core.addSystemEventTrigger("during", "shutdown", () -> backend.fdSet().disconnectAll());
    return core;
  }
}
