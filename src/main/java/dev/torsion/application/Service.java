package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The base class for services: it keeps the name, the parent and the running flag, so a
 * subclass overrides {@link #startService()} and {@link #stopService()} (calling
 * {@code super} first) and nothing else.
 *
 * <pre>{@code
 * final class Heartbeat extends Service {
 *   @Override public void startService() {
 *     super.startService();
 *     log.info("up");
 *   }
 * }
 * new Heartbeat().setServiceParent(application.service());
 * }</pre>
 *
 * <p>The contract, errors and threading rules are {@link IService}'s.
 *
 * <p><b>Differences from Twisted.</b> Twisted drops {@code running} when a service is pickled or
 * copied; Java services are neither, so there is nothing to drop. When adding to the new parent
 * fails (a duplicate name), {@link #setServiceParent} leaves {@link #parent()} {@code null};
 * Twisted leaves it pointing at the parent that refused the service.
 *
 * @twisted twisted.application.service.Service
 */
public class Service implements IService {
  private @Nullable String name;
  private @Nullable IServiceCollection parent;
  private boolean running;

  /** Creates an anonymous, stopped service with no parent. */
  public Service() {}

  @Override
  public final @Nullable String name() {
    return name;
  }

  @Override
  public final @Nullable IServiceCollection parent() {
    return parent;
  }

  @Override
  public final boolean running() {
    return running;
  }

  @Override
  public void setName(String name) {
    Objects.requireNonNull(name, "name");
    if (parent != null) {
      throw new IllegalStateException("cannot change name when parent exists");
    }
    this.name = name;
  }

  @Override
  public void setServiceParent(IServiceCollection parent) {
    Objects.requireNonNull(parent, "parent");
    if (this.parent != null) {
      disownServiceParent();
    }
    // Set before adding, as Twisted does: a running parent starts the child inside addService,
    // and a child's startService may look at its parent.
    this.parent = parent;
    try {
      parent.addService(this);
    } catch (RuntimeException e) {
      this.parent = null;
      throw e;
    }
  }

  @Override
  public @Nullable Deferred<?> disownServiceParent() {
    IServiceCollection current = parent;
    if (current == null) {
      throw new IllegalStateException("service has no parent");
    }
    Deferred<?> stopped;
    try {
      stopped = current.removeService(this);
    } catch (RuntimeException e) {
      // The collection may have let go of us before our stopService threw: keep no parent that
      // no longer holds us, or the child could never be re-parented (Twisted keeps it).
      if (!holds(current)) {
        parent = null;
      }
      throw e;
    }
    parent = null;
    return stopped;
  }

  private boolean holds(IServiceCollection collection) {
    for (IService s : collection) {
      if (s == this) {
        return true;
      }
    }
    return false;
  }

  /** Does nothing; subclasses that bind privileged resources override it. */
  @Override
  public void privilegedStartService() {}

  /** Marks the service running; overrides call {@code super.startService()} first. */
  @Override
  public void startService() {
    running = true;
  }

  /**
   * Marks the service stopped; overrides call {@code super.stopService()}.
   *
   * @return {@code null}: a plain service stops at once
   */
  @Override
  public @Nullable Deferred<?> stopService() {
    running = false;
    return null;
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + (name == null ? "" : " '" + name + "'")
        + (running ? " running" : "") + ">";
  }
}
