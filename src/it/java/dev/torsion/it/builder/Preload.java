package dev.torsion.it.builder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Loads every class of the class path's directories up front. A JVM out of descriptors cannot
 * open a {@code .class} file, so a child JVM that exhausts them first loads everything it might
 * need (classes in jars need no new descriptor: the jars stay open).
 */
public final class Preload {
  private Preload() {}

  /**
   * Loads (without initialising) each class file under the class path's directories.
   *
   * @return how many classes were loaded
   */
  public static int classPathDirectories() {
    int loaded = 0;
    ClassLoader loader = Preload.class.getClassLoader();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path root = Path.of(entry);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String rel = root.relativize(p).toString();
          if (!rel.endsWith(".class") || rel.endsWith("module-info.class")
              || rel.endsWith("package-info.class")) {
            continue;
          }
          String name = rel.substring(0, rel.length() - ".class".length())
              .replace(File.separatorChar, '.');
          try {
            Class.forName(name, false, loader);
            loaded++;
          } catch (ClassNotFoundException | LinkageError e) {
            // A class that cannot load now will not load later either; nothing to warm.
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return loaded;
  }
}
