package dev.torsion.internet.reactor;

import org.jspecify.annotations.Nullable;

/**
 * A reactor implementation offered to {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.torsion.internet.reactor.ReactorProvider}.
 *
 * @twisted twisted.application.reactors.IReactorInstaller
 */
public interface ReactorProvider {
  /**
   * The short name used with {@code --reactor} and {@code torsion.reactor}, such as {@code nio}.
   *
   * @return the name
   */
  String name();

  /**
   * One line saying what the reactor is built on.
   *
   * @return the description
   */
  String description();

  /**
   * Whether the reactor can run here (OS, kernel, native library).
   *
   * @return true if {@link #create()} will work
   */
  boolean isSupported();

  /**
   * Why the reactor cannot run here.
   *
   * @return null when supported, otherwise the reason
   */
  @Nullable String unavailabilityCause();

  /**
   * How much this reactor is preferred as the platform default when supported; the highest
   * supported wins.
   *
   * @return the preference, higher is better
   */
  int preference();

  /**
   * Builds a new reactor, not installed anywhere, not running.
   *
   * @return the reactor
   * @throws UnsupportedOperationException if not supported, with the cause
   */
  Reactor create();
}
