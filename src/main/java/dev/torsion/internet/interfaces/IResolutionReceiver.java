package dev.torsion.internet.interfaces;

/**
 * Receives the results of one name resolution, on the reactor thread: {@link #resolutionBegan}
 * once, {@link #addressResolved} for each address, then {@link #resolutionComplete} once. A name
 * that resolves to nothing gets no {@code addressResolved} call.
 *
 * @twisted twisted.internet.interfaces.IResolutionReceiver
 */
public interface IResolutionReceiver {
  /**
   * The resolution has started.
   *
   * @param resolutionInProgress the resolution, for cancelling it
   * @twisted twisted.internet.interfaces.IResolutionReceiver.resolutionBegan
   */
  void resolutionBegan(IHostResolution resolutionInProgress);

  /**
   * One address was found.
   *
   * @param address an {@code IPv4Address} or {@code IPv6Address}
   * @twisted twisted.internet.interfaces.IResolutionReceiver.addressResolved
   */
  void addressResolved(IAddress address);

  /**
   * No more addresses will come.
   *
   * @twisted twisted.internet.interfaces.IResolutionReceiver.resolutionComplete
   */
  void resolutionComplete();
}
