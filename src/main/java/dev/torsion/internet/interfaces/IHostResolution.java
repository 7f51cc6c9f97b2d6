package dev.torsion.internet.interfaces;

/**
 * One name resolution under way.
 *
 * @twisted twisted.internet.interfaces.IHostResolution
 */
public interface IHostResolution {
  /**
   * The name being resolved.
   *
   * @return the host name
   * @twisted twisted.internet.interfaces.IHostResolution.name
   */
  String name();

  /**
   * Stops the resolution: the receiver hears no more addresses, and
   * {@code resolutionComplete} at once.
   *
   * @twisted twisted.internet.interfaces.IHostResolution.cancel
   */
  void cancel();
}
