package dev.torsion.internet.testing;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IReactorFDSet;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import dev.torsion.python.failure.Failure;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** {@link MemoryReactor} as an {@link IReactorFDSet}: it records, and never calls. */
public class MemoryReactorFdSetTest {
  /** A descriptor that fails the test if the reactor ever calls it. */
  private static final class Untouchable implements IReadDescriptor, IWriteDescriptor {
    @Override
    public int fileno() {
      throw new AssertionError("MemoryReactor must not ask for a descriptor");
    }

    @Override
    public @Nullable Throwable doRead() {
      throw new AssertionError("MemoryReactor must not read");
    }

    @Override
    public @Nullable Throwable doWrite() {
      throw new AssertionError("MemoryReactor must not write");
    }

    @Override
    public void connectionLost(Failure reason) {
      throw new AssertionError("MemoryReactor must not end a descriptor");
    }
  }

  /** twisted.internet.test.test_testing.ReactorTests.test_readers */
  @Test
  public void addingRemovingAndListingReadersWorks() {
    Untouchable reader = new Untouchable();
    MemoryReactor reactor = new MemoryReactor();
    reactor.addReader(reader);
    reactor.addReader(reader);
    assertEquals(reactor.getReaders(), List.of(reader));
    reactor.removeReader(reader);
    assertEquals(reactor.getReaders(), List.of());
  }

  /** twisted.internet.test.test_testing.ReactorTests.test_writers */
  @Test
  public void addingRemovingAndListingWritersWorks() {
    Untouchable writer = new Untouchable();
    MemoryReactor reactor = new MemoryReactor();
    reactor.addWriter(writer);
    reactor.addWriter(writer);
    assertEquals(reactor.getWriters(), List.of(writer));
    reactor.removeWriter(writer);
    assertEquals(reactor.getWriters(), List.of());
  }

  @Test
  public void removeAllForgetsBothAndReturnsEachOnce() {
    Untouchable both = new Untouchable();
    Untouchable reader = new Untouchable();
    MemoryReactor reactor = new MemoryReactorClock();
    assertTrue(reactor instanceof IReactorFDSet);
    reactor.addReader(reader);
    reactor.addReader(both);
    reactor.addWriter(both);
    assertEquals(reactor.removeAll(), List.of(reader, both));
    assertEquals(reactor.getReaders(), List.of());
    assertEquals(reactor.getWriters(), List.of());
    assertEquals(reactor.removeAll(), List.of());
  }
}
