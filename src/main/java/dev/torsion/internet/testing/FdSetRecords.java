package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@link MemoryReactor}'s readers and writers, as Twisted's two sets, in the order added. */
final class FdSetRecords {
  final Set<IReadDescriptor> readers = new LinkedHashSet<>();
  final Set<IWriteDescriptor> writers = new LinkedHashSet<>();

  /** Forgets both sets and returns what they held, each object once. */
  List<IFileDescriptor> removeAll() {
    Set<IFileDescriptor> removed = new LinkedHashSet<>(readers);
    removed.addAll(writers);
    readers.clear();
    writers.clear();
    return new ArrayList<>(removed);
  }
}
