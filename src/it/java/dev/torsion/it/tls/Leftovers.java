package dev.torsion.it.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a test may leave behind, taken before and compared after: this process's sockets,
 * pipes and event descriptors (from {@code /proc/self/fd}, as {@code ChaosIT} counts them;
 * plain files are left out, since the class loader opens jars as it goes) and its live
 * threads. Take both descriptor counts while the reactor runs and listens, so its own
 * descriptors (some reactors open theirs with the first channel) and the listening socket are
 * in both; compare threads after it has stopped (it may stop threads of its own, never add).
 */
final class Leftovers {
  private final Map<String, Integer> descriptors;
  private final Set<Thread> threads;

  private Leftovers(Map<String, Integer> descriptors, Set<Thread> threads) {
    this.descriptors = descriptors;
    this.threads = threads;
  }

  static Leftovers take() {
    return new Leftovers(descriptors(), liveThreads());
  }

  /** Fails if a socket, pipe or event descriptor was added since {@link #take()}. */
  void assertNoDescriptorAdded() {
    Map<String, Integer> after = descriptors();
    assertEquals(after, descriptors, "descriptors before " + descriptors + ", after " + after);
  }

  /**
   * Fails if a thread was added since {@link #take()}.
   *
   * @param peer the test's raw peer, whose thread must have ended too
   */
  void assertNoThreadAdded(@Nullable RawTlsPeer peer) {
    if (peer != null) {
      assertTrue(!peer.alive(), "the raw peer's thread ended");
    }
    Set<Thread> added = new HashSet<>(liveThreads());
    added.removeAll(threads);
    List<String> names = added.stream().map(Thread::getName).sorted()
        .collect(Collectors.toList());
    assertEquals(names, List.of(), "threads left behind");
  }

  private static Set<Thread> liveThreads() {
    Set<Thread> live = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        live.add(t);
      }
    }
    return live;
  }

  /** Open descriptors by kind (socket, anon_inode, pipe), plain files left out. */
  private static Map<String, Integer> descriptors() {
    Map<String, Integer> kinds = new TreeMap<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
          continue; // the directory stream's own descriptor, closed meanwhile
        }
        String kind = target.startsWith("socket:") ? "socket"
            : target.startsWith("anon_inode:") ? "anon_inode"
            : target.startsWith("pipe:") ? "pipe" : null;
        if (kind != null) {
          kinds.merge(kind, 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return kinds;
  }
}
