package dev.torsion.internal.linux;

import com.sun.jna.Native;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one probe that decides whether the native reactors can run here: Linux on x86-64 or
 * aarch64 (the two layouts {@link Epoll} knows), with JNA's native library loadable.
 */
public final class LinuxPlatform {
  private LinuxPlatform() {}

  /** Whether {@code struct epoll_event} is packed (12 bytes, x86-64) or aligned (16 bytes). */
  static final boolean X86_64 = isX86();

  private static final @Nullable String CAUSE = probe();

  private static boolean isX86() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return arch.equals("amd64") || arch.equals("x86_64");
  }

  private static @Nullable String probe() {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.equals("Linux")) {
      return "needs Linux; this is " + os;
    }
    if (!isX86() && !arch.equals("aarch64")) {
      return "needs x86-64 or aarch64; this is " + arch;
    }
    try {
      // Loads JNA's own native library (jnidispatch) and the C library once.
      Native.getNativeSize(long.class);
      Errno.strerror(0);
      return null;
    } catch (LinkageError | RuntimeException e) {
      return "JNA cannot load its native library: " + e;
    }
  }

  /**
   * Why the native reactors cannot run here.
   *
   * @return null when Linux, a known architecture and JNA are all there, else the reason
   */
  public static @Nullable String unavailabilityCause() {
    return CAUSE;
  }
}
