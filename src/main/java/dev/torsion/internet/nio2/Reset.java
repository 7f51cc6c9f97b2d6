package dev.torsion.internet.nio2;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousSocketChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an abort send a TCP reset, as Twisted's {@code abortConnection} does by setting
 * {@code SO_LINGER} to zero before closing. {@link AsynchronousSocketChannel} does not offer
 * {@code SO_LINGER} (its {@code setOption} throws {@code UnsupportedOperationException}), so
 * the option is set on the channel's descriptor through the JDK's own {@code sun.nio.ch.Net},
 * which needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}. Without it an abort still
 * discards the queue and closes at once, but the peer sees a FIN; a warning says so, once.
 */
final class Reset {
  private static final Logger LOG = LoggerFactory.getLogger(Reset.class);
  private static final @Nullable Field FD;
  private static final @Nullable Method SET_OPTION;
  private static final @Nullable String UNAVAILABLE;
  private static volatile boolean warned;

  static {
    Field fd = null;
    Method set = null;
    String why = null;
    try {
      fd = Class.forName("sun.nio.ch.AsynchronousSocketChannelImpl").getDeclaredField("fd");
      set = Class.forName("sun.nio.ch.Net").getDeclaredMethod("setSocketOption",
          FileDescriptor.class, SocketOption.class, Object.class);
      fd.setAccessible(true);
      set.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      fd = null;
      set = null;
      why = e.toString();
    }
    FD = fd;
    SET_OPTION = set;
    UNAVAILABLE = why;
  }

  private Reset() {}

  /**
   * Why resets cannot be sent here, or null when they can.
   *
   * @return the reason
   */
  static @Nullable String unavailabilityCause() {
    return UNAVAILABLE;
  }

  /**
   * Sets {@code SO_LINGER} to zero on {@code ch}, so that closing it sends a reset.
   *
   * @return false if it could not be set
   */
  static boolean lingerZero(AsynchronousSocketChannel ch) {
    Field fd = FD;
    Method set = SET_OPTION;
    if (fd == null || set == null) {
      if (!warned) {
        warned = true;
        LOG.warn("nio2: abortConnection sends a FIN, not a reset: run the JVM with --add-opens"
            + " java.base/sun.nio.ch=ALL-UNNAMED ({})", UNAVAILABLE);
      }
      return false;
    }
    try {
      set.invoke(null, fd.get(ch), StandardSocketOptions.SO_LINGER, 0);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("SO_LINGER failed on {}", ch, e);
      return false;
    }
  }
}
