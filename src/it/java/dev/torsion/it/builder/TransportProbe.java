package dev.torsion.it.builder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads the transport state that Twisted's tests read from the reactor ({@code getReaders()},
 * the {@code dataBuffer} size), which Torsion exposes on its shared transport for tests
 * ({@code bufferedBytes()}, {@code isReadPaused()}) rather than on the public interfaces.
 * Looked up by name so the suite does not depend on the internal class's name.
 */
public final class TransportProbe {
  private TransportProbe() {}

  /**
   * The bytes a transport has queued and not yet handed to the socket.
   *
   * @param transport the transport
   * @return the count
   */
  public static long bufferedBytes(Object transport) {
    return ((Number) call(transport, "bufferedBytes")).longValue();
  }

  /**
   * Whether a transport is reading from its socket: Twisted's "in {@code getReaders()}".
   *
   * @param transport the transport
   * @return true if reading
   */
  public static boolean isReading(Object transport) {
    try {
      transport.getClass().getMethod("isReading");
      return (Boolean) call(transport, "isReading");
    } catch (NoSuchMethodException e) {
      // No direct accessor: reading is on while connected (fully, or with only the write side
      // closed) and not paused by pauseProducing.
      String state = String.valueOf(call(transport, "state"));
      boolean open = state.equals("CONNECTED") || state.startsWith("WRITE_CLOS");
      return open && !(Boolean) call(transport, "isReadPaused");
    }
  }

  private static Object call(Object target, String name) {
    try {
      Method m = target.getClass().getMethod(name);
      return m.invoke(target);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new AssertionError(target.getClass().getName() + " has no public " + name + "()", e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(name + "() threw", e.getCause());
    }
  }
}
