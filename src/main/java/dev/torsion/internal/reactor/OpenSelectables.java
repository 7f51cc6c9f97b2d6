package dev.torsion.internal.reactor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ports and connections open on one reactor, in the order they opened; what is still here
 * when the reactor shuts down is closed then, as Twisted's {@code disconnectAll}. Reactor
 * thread only.
 */
final class OpenSelectables {
  private final Set<Selectable> open = new LinkedHashSet<>();

  void add(Selectable s) {
    open.add(Objects.requireNonNull(s, "selectable"));
  }

  void remove(Selectable s) {
    open.remove(s);
  }

  List<Selectable> snapshot() {
    return new ArrayList<>(open);
  }

  /** Closes every one still open, each guarded: one failing never skips the others. */
  void disconnectAll(LoopLog log) {
    if (open.isEmpty()) {
      return;
    }
    Selectable[] all = open.toArray(new Selectable[0]);
    open.clear();
    for (Selectable s : all) {
      try {
        s.disconnectAtShutdown();
      } catch (Throwable e) {
        log.callbackFailed(s, e);
      }
    }
  }
}
