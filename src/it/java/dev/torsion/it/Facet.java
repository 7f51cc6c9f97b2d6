package dev.torsion.it;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A reactor facet some tests need and some reactors lack, as Twisted's {@code ReactorBuilder}
 * skips a test whose {@code requiredInterfaces} the reactor does not provide. This table is the
 * one place where a reactor may be excused from a test, each excuse with its written reason;
 * a test says what it needs with {@link Requires}.
 */
public enum Facet {
  /** {@code IReactorUNIX}: UNIX domain stream sockets. */
  UNIX_SOCKETS(Map.of("nio2", "the JDK's asynchronous channels have no AF_UNIX (Twisted's"
      + " iocpreactor does not provide IReactorUNIX either)")),
  /** {@code IReactorSocket}: adopting JDK channels (adoptStreamPort, adoptStreamConnection). */
  ADOPTION(Map.of("nio2", "an asynchronous channel cannot take over an existing socket"
      + " (Twisted's iocpreactor does not provide IReactorSocket either)")),
  /**
   * Accepting only when the loop asks, so a test can exhaust descriptors between a client's
   * connect and the server's accept (Twisted's {@code assertPeerClosedOnEMFILE}).
   */
  ACCEPT_ON_LOOP_TURN(Map.of("nio2", "a completion listener keeps an accept in flight, which"
      + " the JDK's pool thread completes as the connection arrives, before the test can exhaust"
      + " descriptors (Twisted skips test_closePeerOnEMFILE on IOCP too)")),
  /** {@code IReactorFDSet}: watching any descriptor number for readiness ({@code fdSet()}). */
  FDSET(Map.of(
      "nio", "a java.nio Selector registers SelectableChannels only, never a raw descriptor"
          + " number, so fileno() cannot be watched (docs/reactors.md)",
      "nio2", "completion-based: the JDK's asynchronous channels have no readiness to report"
          + " (Twisted's iocpreactor does not provide IReactorFDSet either)"));

  private final Map<String, String> lackedBy;

  Facet(Map<String, String> lackedBy) {
    this.lackedBy = lackedBy;
  }

  /**
   * Why {@code reactor} lacks this facet.
   *
   * @param reactor a reactor name
   * @return the reason, or null when the reactor has the facet
   */
  public @Nullable String lackedBy(String reactor) {
    return lackedBy.get(reactor);
  }
}
