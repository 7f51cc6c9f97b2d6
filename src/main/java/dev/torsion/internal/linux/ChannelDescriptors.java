package dev.torsion.internal.linux;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Reads the descriptor number inside a JDK socket channel, so the native backends can adopt
 * channels made by the JDK ({@code adoptStreamPort}, {@code adoptStreamConnection}).
 *
 * <p>The JDK keeps it in a private {@code int fdVal} field of {@code sun.nio.ch}'s channel
 * classes (JDK 11 to 23 at least). Reflective access to it would need
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} from every user; {@code sun.misc.Unsafe}
 * (module {@code jdk.unsupported}, open to every module) reads a field given only its
 * {@link Field} object, which {@code getDeclaredField} returns without any module access. If a
 * later JDK renames the field, adoption fails with a clear message and nothing else does.
 */
public final class ChannelDescriptors {
  private ChannelDescriptors() {}

  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private static sun.misc.Unsafe unsafe() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The descriptor of an open JDK socket channel; the channel still owns it.
   *
   * @param channel a {@code SocketChannel} or {@code ServerSocketChannel} from the default
   *     provider
   * @return the descriptor
   * @throws IOException if the channel is closed or its class has no {@code fdVal}
   */
  /**
   * Readies a bound server channel for adoption: checks it is bound, makes it non-blocking and
   * returns its descriptor.
   *
   * @param channel the server socket to adopt
   * @return the descriptor
   * @throws IOException if the channel is not bound, or as {@link #of}
   */
  public static int ofBoundServer(ServerSocketChannel channel) throws IOException {
    if (channel.getLocalAddress() == null) {
      throw new IOException("the server socket to adopt is not bound");
    }
    channel.configureBlocking(false);
    return of(channel);
  }

  @SuppressWarnings("removal")
  public static int of(SelectableChannel channel) throws IOException {
    if (!channel.isOpen()) {
      throw new IOException("the channel to adopt is closed");
    }
    for (Class<?> c = channel.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("fdVal");
        return UNSAFE.getInt(channel, UNSAFE.objectFieldOffset(f));
      } catch (NoSuchFieldException e) {
        // Look in the superclass.
      }
    }
    throw new IOException("cannot adopt " + channel.getClass().getName()
        + ": its descriptor is not in a field this JDK version names fdVal");
  }
}
