package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import org.jspecify.annotations.Nullable;

/**
 * A service: start-up and shut-down code run at the right times, optionally named and placed
 * under a parent {@link IServiceCollection}.
 *
 * <p><b>Lifecycle.</b> A service is created stopped. {@link #privilegedStartService()} runs
 * first (in Twisted, before privileges are shed), then {@link #startService()}; later
 * {@link #stopService()}. {@link #running()} is true between start and stop. A stopped service
 * may be started again. A parent that is already running starts a child as it is added and stops
 * it as it is removed.
 *
 * <p><b>Errors.</b> {@link #setName} on a service that has a parent, and
 * {@link #setServiceParent} to a parent that already holds a child of the same name, throw
 * {@link IllegalStateException} (Twisted's {@code RuntimeError}).
 *
 * <p><b>Threading.</b> The reactor thread only, as everything else that touches the reactor.
 *
 * <p><b>Re-entrancy.</b> Implementations should tolerate {@code stopService} on a service that
 * is already stopped: parents stop every child, and users stop services twice in teardown code.
 *
 * <p><b>Differences from Twisted.</b> Twisted's attributes {@code name}, {@code parent} and
 * {@code running} are accessor methods. {@code stopService} and {@code disownServiceParent}
 * return a {@link Deferred} or {@code null}, as Twisted's return a Deferred or a plain value
 * ("usually {@code None}"); callers wrap the result with
 * {@link dev.torsion.internet.defer.Defer#maybeDeferred}. Most services extend {@link Service}
 * rather than implementing this directly.
 *
 * @twisted twisted.application.service.IService
 */
public interface IService {
  /**
   * This service's name.
   *
   * @return the name, or {@code null} for an anonymous service
   * @twisted twisted.application.service.IService.name
   */
  @Nullable String name();

  /**
   * The collection this service belongs to.
   *
   * @return the parent, or {@code null}
   * @twisted twisted.application.service.IService.parent
   */
  @Nullable IServiceCollection parent();

  /**
   * Whether this service has been started and not yet stopped.
   *
   * @return true while running
   * @twisted twisted.application.service.IService.running
   */
  boolean running();

  /**
   * Names this service. The name must be set before the service is given a parent, since the
   * parent indexes its children by name.
   *
   * @param name the name
   * @throws IllegalStateException if this service already has a parent
   * @twisted twisted.application.service.IService.setName
   */
  void setName(String name);

  /**
   * Puts this service under {@code parent}, leaving any previous parent first, and sets
   * {@link #parent()}. The parent's {@link IServiceCollection#addService} does the adding.
   *
   * @param parent the new parent
   * @throws IllegalStateException if this service has a name and {@code parent} already has a
   *     child by that name
   * @twisted twisted.application.service.IService.setServiceParent
   */
  void setServiceParent(IServiceCollection parent);

  /**
   * Removes this service from its parent and clears {@link #parent()}; if the parent was
   * running, this service is stopped.
   *
   * @return what the parent's {@link IServiceCollection#removeService} returned: a Deferred that
   *     fires when this service has stopped, or {@code null} if nothing needed waiting for
   * @throws IllegalStateException if this service has no parent
   * @twisted twisted.application.service.IService.disownServiceParent
   */
  @Nullable Deferred<?> disownServiceParent();

  /**
   * Does the preparation that must happen before privileges are shed (binding low ports, say).
   * Called before {@link #startService()}.
   *
   * @twisted twisted.application.service.IService.privilegedStartService
   */
  void privilegedStartService();

  /**
   * Starts the service.
   *
   * @twisted twisted.application.service.IService.startService
   */
  void startService();

  /**
   * Stops the service.
   *
   * @return a Deferred that fires when the service has finished shutting down, or {@code null}
   *     if it stopped at once
   * @twisted twisted.application.service.IService.stopService
   */
  @Nullable Deferred<?> stopService();
}
