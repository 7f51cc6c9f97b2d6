package dev.torsion.application;

import dev.torsion.internet.interfaces.IReactorCore;
import java.util.Objects;

/**
 * The module functions of {@code twisted.application.app} that a program running services needs
 * without the {@code twist} command.
 *
 * <pre>{@code
 * Application application = new Application("chat");
 * new StreamServerEndpointService(endpoint, factory).setServiceParent(application.service());
 * App.startApplication(application, reactor);   // then reactor.run()
 * }</pre>
 *
 * <p><b>Threading.</b> Reactor thread, or before the reactor runs.
 *
 * @twisted twisted.application.app
 */
public final class App {
  private App() {}

  /**
   * Starts an application's services and makes the reactor's shutdown stop them: calls
   * {@code privilegedStartService} then {@code startService} on its root service, then adds a
   * {@code "before" "shutdown"} trigger that calls {@code stopService}, so the shutdown waits for
   * the Deferred it returns.
   *
   * @param application the application to start
   * @param reactor the reactor whose shutdown stops it
   * @throws RuntimeException what a service's start threw; no trigger is added then
   * @twisted twisted.application.app.startApplication
   */
  public static void startApplication(Application application, IReactorCore reactor) {
    startApplication(Objects.requireNonNull(application, "application").service(), reactor);
  }

  /**
   * Starts a service as {@link #startApplication(Application, IReactorCore)} starts an
   * application's root service.
   *
   * @param service the service to start
   * @param reactor the reactor whose shutdown stops it
   * @throws RuntimeException what the service's start threw; no trigger is added then
   * @twisted twisted.application.app.startApplication
   */
  public static void startApplication(IService service, IReactorCore reactor) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(reactor, "reactor");
    service.privilegedStartService();
    service.startService();
    reactor.addSystemEventTrigger("before", "shutdown", service::stopService);
  }
}
