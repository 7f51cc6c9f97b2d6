package dev.torsion.internet.interfaces;

/**
 * Receives the results of one name resolution, on the reactor thread: {@link #resolutionBegan}
 * once, {@link #addressResolved} for each address, then {@link #resolutionComplete} once. A name
 * that resolves to nothing gets no {@code addressResolved} call.
 *
 * <p><b>Threading.</b> Every call is on the reactor thread.
 *
 * <p><b>Re-entrancy.</b> {@code resolutionBegan} is called from inside
 * {@code resolveHostName}, and for a literal address so are the others; a receiver may cancel
 * the resolution from any of its methods.
 *
 * <p><b>Errors.</b> An exception a receiver method throws goes to its caller: from inside
 * {@code resolveHostName} to that call's caller, otherwise to the reactor, which logs it. The
 * resolution does not call the receiver again after that.
 *
 * <p><b>Testing.</b> Collect the addresses in a list and fire a Deferred from
 * {@code resolutionComplete}; a fake {@link IHostnameResolver} that calls the three methods in
 * order is all a test of a client needs.
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
