package dev.torsion.internal.defer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes the threads inlineCallbacks bodies run on.
 *
 * <p>Virtual threads are reached through method handles, because we compile with
 * {@code --release 17}. They are used only from JDK 24 on: before JEP 491 a virtual thread that
 * parks inside a {@code synchronized} block pins its carrier, and a body holding a monitor while
 * it starts another body (which is common enough) parks in exactly that way, so with as many
 * nested bodies as carriers the scheduler would have no carrier left to run the innermost one.
 * Platform threads get a small stack: a body's frames are ordinary application frames, and
 * Deferred chains never recurse, so 256 KiB is plenty and keeps 10,000 suspended bodies cheap.
 */
final class FiberThreads {
  static final long PLATFORM_STACK_SIZE = 256 * 1024;
  private static final String NAME = "torsion-inlineCallbacks";
  private static final @Nullable ThreadFactory VIRTUAL = virtualFactory();
  /** Lets the cost program compare both kinds on one JDK; true means "virtual if available". */
  static volatile boolean preferVirtual = true;

  private FiberThreads() {}

  /** Whether new bodies get virtual threads. */
  static boolean virtual() {
    return preferVirtual && VIRTUAL != null;
  }

  /** An unstarted thread that will run {@code task}. */
  static Thread newThread(Runnable task) {
    ThreadFactory factory = VIRTUAL;
    if (preferVirtual && factory != null) {
      return factory.newThread(task);
    }
    Thread thread = new Thread(null, task, NAME, PLATFORM_STACK_SIZE);
    thread.setDaemon(true);
    return thread;
  }

  private static @Nullable ThreadFactory virtualFactory() {
    if (Runtime.version().feature() < 24) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual",
          MethodType.methodType(ofVirtual));
      MethodHandle name = lookup.findVirtual(builder, "name",
          MethodType.methodType(builder, String.class));
      MethodHandle factory = lookup.findVirtual(builder, "factory",
          MethodType.methodType(ThreadFactory.class));
      // The builder's factory() is thread-safe, unlike the builder itself.
      return (ThreadFactory) factory.invoke(name.invoke(create.invoke(), NAME));
    } catch (Throwable unavailable) {
      return null;
    }
  }
}
