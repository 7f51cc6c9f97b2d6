package dev.torsion.internal;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * {@link Config}: properties over variables, blank as unset, parse errors naming their origin;
 * and the project rule that every setting is read in {@link Config} and listed in the README.
 */
public class ConfigTest {
  private static final Config.Source NONE = Config.Source.of(Map.of(), Map.of());

  @Test
  public void propertyWinsOverVariable() {
    Config.Source s = Config.Source.of(Map.of("torsion.reactor", "a"),
        Map.of("TORSION_REACTOR", "b"));
    assertEquals(Config.reactor(s), new Config.Found("a", "system property torsion.reactor"));
  }

  @Test
  public void variableWhenNoProperty() {
    Config.Source s = Config.Source.of(Map.of(), Map.of("TORSION_REACTOR", " b "));
    assertEquals(Config.reactor(s), new Config.Found("b", "environment variable TORSION_REACTOR"));
  }

  @Test
  public void blankValuesCountAsUnset() {
    assertNull(Config.reactor(NONE));
    assertNull(Config.reactor(Config.Source.of(Map.of("torsion.reactor", ""),
        Map.of("TORSION_REACTOR", "  "))));
    assertEquals(Config.reactor(Config.Source.of(Map.of("torsion.reactor", " "),
        Map.of("TORSION_REACTOR", "c"))).value(), "c");
  }

  @Test
  public void otherNamesAreIgnored() {
    Config.Source s = Config.Source.of(Map.of("torsion.Reactor", "a", "reactor", "b"),
        Map.of("torsion.reactor", "c", "TORSION_REACTOR_X", "d"));
    assertNull(Config.reactor(s));
  }

  @Test
  public void systemSourceReadsTheLiveSystemProperties() {
    String key = Config.Setting.REACTOR.property();
    String before = System.getProperty(key);
    try {
      System.setProperty(key, "from-this-test");
      assertEquals(Config.reactor(), "from-this-test");
      assertEquals(Config.reactor(Config.Source.system()).origin(),
          "system property torsion.reactor");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  public void blockedLoopWarningIsOffByDefault() {
    assertEquals(Config.blockedLoopWarningMs(NONE), 0);
  }

  @Test
  public void blockedLoopWarningFromEitherPlace() {
    assertEquals(Config.blockedLoopWarningMs(Config.Source.of(
        Map.of("torsion.blockedLoopWarningMs", "250"),
        Map.of("TORSION_BLOCKED_LOOP_WARNING_MS", "9"))), 250);
    assertEquals(Config.blockedLoopWarningMs(Config.Source.of(Map.of(),
        Map.of("TORSION_BLOCKED_LOOP_WARNING_MS", "9"))), 9);
  }

  @Test
  public void badBlockedLoopWarningNamesWhereItCameFrom() {
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> Config.blockedLoopWarningMs(Config.Source.of(Map.of(),
            Map.of("TORSION_BLOCKED_LOOP_WARNING_MS", "-5"))));
    assertEquals(e.getMessage(), "environment variable TORSION_BLOCKED_LOOP_WARNING_MS must be "
        + "a whole number of milliseconds >= 0, not \"-5\"");
    e = expectThrows(IllegalArgumentException.class,
        () -> Config.blockedLoopWarningMs(Config.Source.of(
            Map.of("torsion.blockedLoopWarningMs", "1.5s"), Map.of())));
    assertTrue(e.getMessage().startsWith("system property torsion.blockedLoopWarningMs must"),
        e.getMessage());
  }

  @Test
  public void namesFollowTheConvention() {
    for (Config.Setting s : Config.Setting.values()) {
      assertTrue(s.property().matches("torsion\\.[a-z][A-Za-z0-9.]*"), s.property());
      assertTrue(s.variable().matches("TORSION_[A-Z0-9_]+"), s.variable());
    }
  }

  /** The README's "Choosing a reactor" table lists every setting, and no setting Torsion lacks. */
  @Test
  public void readmeListsEverySettingAndNoOther() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Choosing a reactor\n");
    assertTrue(start >= 0, "README.md has no section \"## Choosing a reactor\"");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    TreeSet<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("`(torsion\\.[A-Za-z0-9.]+|TORSION_[A-Z0-9_]+)`")
        .matcher(section);
    while (m.find()) {
      listed.add(m.group(1));
    }
    TreeSet<String> known = new TreeSet<>();
    for (Config.Setting s : Config.Setting.values()) {
      known.add(s.property());
      known.add(s.variable());
      assertTrue(section.contains("| `" + s.property() + "` | `" + s.variable() + "` |"),
          "README table row for " + s.property() + " / " + s.variable());
    }
    assertEquals(listed, known);
  }

  /** Nothing outside {@link Config} reads a {@code torsion.*} property or {@code TORSION_*}. */
  @Test
  public void onlyConfigReadsTorsionSettings() throws IOException {
    Pattern read = Pattern.compile("(getProperty|getenv|getBoolean|getInteger|getLong)\\s*\\(\\s*"
        + "\"(torsion\\.|TORSION_)");
    List<String> offenders = new ArrayList<>();
    Path root = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        if (f.endsWith(Path.of("dev/torsion/internal/Config.java"))) {
          continue;
        }
        if (read.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
          offenders.add(root.relativize(f).toString());
        }
      }
    }
    assertEquals(offenders, List.of(), "read their settings through dev.torsion.internal.Config");
  }
}
