package dev.torsion.internet.interfaces;

/**
 * One name resolution under way, as its receiver and the caller of
 * {@link IHostnameResolver#resolveHostName} see it.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * @twisted twisted.internet.interfaces.IHostResolution
 */
public interface IHostResolution {
  /**
   * The name being resolved.
   *
   * @return the host name, as given
   * @twisted twisted.internet.interfaces.IHostResolution.name
   */
  String name();

  /**
   * Stops the resolution: the receiver hears no more addresses, and
   * {@code resolutionComplete} at once. A lookup already running on the pool runs to its end and
   * its result is dropped; one not yet started is skipped. Cancelling a complete or cancelled
   * resolution does nothing.
   *
   * @twisted twisted.internet.interfaces.IHostResolution.cancel
   */
  void cancel();
}
