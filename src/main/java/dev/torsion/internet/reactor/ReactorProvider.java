package dev.torsion.internet.reactor;

import org.jspecify.annotations.Nullable;

/**
 * A reactor implementation offered to {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.torsion.internet.reactor.ReactorProvider}. {@link Reactors} finds
 * every provider, lists them ({@link Reactors#listing()}) and picks one at startup.
 *
 * <p>A provider is a small, cheap object: loading it, and calling any method but
 * {@link #create()}, must not open files or sockets, start threads or fail because the
 * reactor cannot run here. Probing the platform (kernel version, a native library) belongs in
 * {@link #isSupported()}, done once and remembered, so that an {@code epoll} provider can be
 * listed, with its reason, on a machine without epoll.
 *
 * <p><b>Threading.</b> Every method may be called from any thread, more than once.
 *
 * <p><b>Errors.</b> {@link #isSupported()} and {@link #unavailabilityCause()} answer, never
 * throw (one that throws is listed as unsupported, the exception being the cause).
 * {@link #create()} throws when the reactor cannot be built.
 *
 * <p><b>Differences from Twisted.</b> Twisted's installers ({@code IReactorInstaller}) import a
 * module that installs itself; a Torsion provider only builds reactors and leaves installing to
 * {@link Reactors}, so that tests can build as many reactors as they like. Twisted learns that a
 * reactor cannot run here when its import fails; a provider says so up front, and why, as
 * Netty's {@code Epoll.unavailabilityCause()} does.
 *
 * @twisted twisted.application.reactors.IReactorInstaller
 */
public interface ReactorProvider {
  /**
   * The short name used with {@code --reactor}, {@code torsion.reactor} and
   * {@code TORSION_REACTOR}: lower case, after the mechanism ({@code nio}, {@code epoll}), and
   * unique on the class path.
   *
   * @return the name
   * @twisted twisted.application.reactors.IReactorInstaller.shortName
   */
  String name();

  /**
   * One line saying what the reactor is built on, for listings.
   *
   * @return the description
   * @twisted twisted.application.reactors.IReactorInstaller.description
   */
  String description();

  /**
   * Whether the reactor can run here (operating system, kernel, native library).
   *
   * @return true if {@link #create()} will work
   */
  boolean isSupported();

  /**
   * Why the reactor cannot run here, in words a user can act on ("Linux 5.1 or later is needed;
   * this kernel is 4.19").
   *
   * @return null when supported, otherwise the reason
   */
  @Nullable String unavailabilityCause();

  /**
   * How much this reactor is preferred as the platform default when supported: the supported
   * provider with the highest preference is installed when nothing names one. The portable
   * {@code nio} reactor has 10; a native reactor that beats it on its platform answers more.
   *
   * @return the preference, higher is better
   */
  int preference();

  /**
   * Builds a new reactor, not installed anywhere and not running. Each call builds another; the
   * calling thread is the reactor's thread until it runs.
   *
   * @return the reactor
   * @throws UnsupportedOperationException if not supported, with the cause
   * @twisted twisted.application.reactors.IReactorInstaller.install
   */
  Reactor create();
}
