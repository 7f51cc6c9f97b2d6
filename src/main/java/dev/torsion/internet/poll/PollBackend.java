package dev.torsion.internet.poll;

import dev.torsion.internal.linux.Descriptor;
import dev.torsion.internal.linux.Poll;
import dev.torsion.internal.linux.ReadinessBackend;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The I/O backend over poll(2); sockets, buffers and dispatch are {@link ReadinessBackend}'s.
 *
 * <p>Some facts about poll this class relies on:
 * <ul>
 *   <li>The whole interest set crosses into the kernel on every wait, so it is kept as a
 *       {@code pollfd} array in native memory, changed in place when an interest changes (no
 *       rebuild per wait): an entry is appended when a descriptor gains interest, and the last
 *       entry moves into the hole when one loses it. Entry 0 is the eventfd waker.</li>
 *   <li>POLLERR, POLLHUP and POLLNVAL are reported whatever was asked, so, as with epoll, a
 *       descriptor with no interest has no entry.</li>
 *   <li>Entries changed during a dispatch have their {@code revents} cleared, so an entry that
 *       now belongs to another descriptor is never dispatched with the old one's events; being
 *       level-triggered, what was missed is reported by the next wait.</li>
 * </ul>
 */
final class PollBackend extends ReadinessBackend {
  private final Poll.Fds fds = new Poll.Fds(64);
  /** The descriptor of each entry; entry 0 (the waker) has none. */
  private @Nullable Descriptor[] slots = new Descriptor[64];
  private int count = 1;

  PollBackend() throws IOException {
    fds.set(0, waker.fd(), Poll.POLLIN);
  }

  private static int mask(int ops) {
    return ((ops & Descriptor.READ) != 0 ? Poll.POLLIN : 0)
        | ((ops & Descriptor.WRITE) != 0 ? Poll.POLLOUT : 0);
  }

  @Override
  protected void changeInterest(Descriptor d, int ops) {
    int slot = d.slot();
    if (ops == 0) {
      // Move the last entry into the hole.
      int last = --count;
      Descriptor moved = slots[last];
      slots[last] = null;
      if (slot != last && moved != null) {
        slots[slot] = moved;
        moved.slot(slot);
        fds.set(slot, moved.fd(), mask(moved.interest()));
      }
      d.slot(-1);
    } else if (slot < 0) {
      if (count == slots.length) {
        slots = Arrays.copyOf(slots, count * 2);
      }
      slots[count] = d;
      d.slot(count);
      fds.set(count++, d.fd(), mask(ops));
    } else {
      fds.set(slot, d.fd(), mask(ops));
    }
  }

  @Override
  protected void await(int timeoutMillis) throws IOException {
    int ready = fds.await(count, timeoutMillis);
    int total = count;
    for (int i = 0; i < total && i < count && ready > 0; i++) {
      int ev = fds.revents(i);
      if (ev == 0) {
        continue;
      }
      ready--;
      Descriptor d = slots[i];
      if (i == 0) {
        wakerReady();
      } else if (d != null) {
        boolean broken = (ev & (Poll.POLLERR | Poll.POLLHUP | Poll.POLLNVAL)) != 0;
        dispatch(d, (ev & Poll.POLLIN) != 0, (ev & Poll.POLLOUT) != 0, broken);
      }
    }
  }

  @Override
  protected void closeSource() {
    fds.close();
  }

  @Override
  public String toString() {
    return "PollBackend(" + (count - 1) + " descriptors)";
  }
}
