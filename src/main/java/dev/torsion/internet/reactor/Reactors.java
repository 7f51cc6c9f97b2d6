package dev.torsion.internet.reactor;

import dev.torsion.internet.error.ReactorAlreadyInstalledError;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Choosing and installing the process's reactor. (Skeleton: issue 3's startup-selection work
 * completes it with the documented precedence and the provider listing.)
 *
 * @twisted twisted.internet.main
 */
public final class Reactors {
  private static @Nullable Reactor installed;

  private Reactors() {}

  /**
   * Every provider on the class path, supported or not.
   *
   * @return the providers
   */
  public static List<ReactorProvider> providers() {
    List<ReactorProvider> out = new ArrayList<>();
    ServiceLoader.load(ReactorProvider.class, Reactors.class.getClassLoader()).forEach(out::add);
    return out;
  }

  /**
   * The provider called {@code name}.
   *
   * @param name the reactor's name
   * @return the provider
   * @throws IllegalArgumentException if there is none by that name
   */
  public static ReactorProvider provider(String name) {
    for (ReactorProvider p : providers()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no reactor called " + name);
  }

  /**
   * Builds and installs the reactor called {@code name}.
   *
   * @param name the reactor's name
   * @return the installed reactor
   * @throws ReactorAlreadyInstalledError if a reactor is installed already
   */
  public static synchronized Reactor install(String name) {
    if (installed != null) {
      throw new ReactorAlreadyInstalledError("reactor already installed");
    }
    Reactor r = provider(name).create();
    installed = r;
    return r;
  }

  /**
   * The installed reactor, without installing one. Trial's {@code TestCase} uses it to spin and
   * check the reactor only when a test installed one.
   *
   * @return the installed reactor, or null if none is installed yet
   * @twisted twisted.internet.reactor
   */
  public static synchronized @Nullable Reactor installed() {
    return installed;
  }

  /**
   * The installed reactor, installing the chosen one first if none is.
   *
   * @return the reactor
   */
  public static synchronized Reactor current() {
    Reactor r = installed;
    if (r == null) {
      String name = dev.torsion.internal.Config.reactor();
      if (name == null) {
        name = "nio";
      }
      r = install(name);
    }
    return r;
  }
}
