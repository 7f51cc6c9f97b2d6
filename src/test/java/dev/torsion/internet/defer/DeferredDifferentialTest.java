package dev.torsion.internet.defer;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.internet.task.Clock;
import dev.torsion.python.failure.Failure;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Differential test: replays random Deferred programs whose traces were recorded from Twisted 22.4
 * and checks that Torsion's {@link Deferred} produces the same trace, event for event.
 *
 * <p>The fixture {@code differential.txt} (next to this package in test resources) is generated
 * by {@code src/test/python/deferred_differential.py}, which documents the format and the
 * semantics of every operation. Regenerate it from the repository root with:
 *
 * <pre>
 * /usr/bin/python3 src/test/python/deferred_differential.py --seed 1 --count 2000 \
 *     &gt; src/test/resources/dev/torsion/internet/defer/differential.txt
 * </pre>
 *
 * <p>The test needs no Python: the fixture is committed. A mismatch reports the first differing
 * scenario with its program and both traces; {@code -Ddifferential.all} prints every differing
 * one. To search further, generate a bigger fixture with another seed and run against it:
 * {@code ./mvnw -o test -Dtest=DeferredDifferentialTest -Ddifferential.fixture=/tmp/big.txt}.
 */
public class DeferredDifferentialTest {
  private static final String FIXTURE = "differential.txt";

  /** An exception identified by a tag, the counterpart of the generator's {@code TagError}. */
  static final class TagError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String tag;

    TagError(String tag) {
      super(tag, null, false, false);
      this.tag = tag;
    }
  }

  /** One parsed block of the fixture. */
  static final class Scenario {
    final String name;
    final List<String[]> deferreds = new ArrayList<>();
    final List<String[]> ops = new ArrayList<>();
    final List<String> expected = new ArrayList<>();

    Scenario(String name) {
      this.name = name;
    }

    String program() {
      StringBuilder sb = new StringBuilder("d");
      for (String[] spec : deferreds) {
        sb.append(' ').append(String.join(":", spec));
      }
      sb.append('\n');
      for (String[] op : ops) {
        sb.append("> ").append(String.join(" ", op)).append('\n');
      }
      return sb.toString();
    }
  }

  /** The parsed fixture, with the scenario count its header declares (-1 when absent). */
  static final class Fixture {
    final List<Scenario> scenarios = new ArrayList<>();
    int declared = -1;
  }

  static Fixture load(InputStream in) throws IOException {
    Fixture fixture = new Fixture();
    List<Scenario> all = fixture.scenarios;
    Scenario cur = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("# scenarios ")) {
          fixture.declared = Integer.parseInt(line.substring("# scenarios ".length()));
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("scenario ")) {
          cur = new Scenario(line);
        } else if (line.equals("end")) {
          all.add(cur);
          cur = null;
        } else if (cur == null) {
          throw new IllegalArgumentException("line outside a scenario: " + line);
        } else if (line.startsWith("d ")) {
          for (String spec : line.substring(2).split(" ")) {
            cur.deferreds.add(spec.split(":"));
          }
        } else if (line.startsWith("> ")) {
          cur.ops.add(line.substring(2).split(" "));
        } else if (line.startsWith("< ")) {
          cur.expected.add(line.substring(2));
        } else {
          throw new IllegalArgumentException("unknown fixture line: " + line);
        }
      }
    }
    return fixture;
  }

  /** Replays one scenario against Torsion, recording the same events the generator records. */
  static final class Runner {
    final List<String> events = new ArrayList<>();
    final Clock clock = new Clock();
    final List<Deferred<Object>> ds = new ArrayList<>();

    Runner(List<String[]> specs) {
      for (int i = 0; i < specs.size(); i++) {
        ds.add(new Deferred<>(canceller(i, specs.get(i))));
      }
    }

    private @Nullable Canceller<Object> canceller(int i, String[] spec) {
      if (spec[0].equals("-")) {
        return null;
      }
      return d -> {
        events.add("k" + i);
        if (spec[0].equals("cb")) {
          d.callback(Integer.parseInt(spec[1]));
        } else if (spec[0].equals("eb")) {
          d.errback(new TagError(spec[1]));
        }
      };
    }

    static String tagOf(Throwable e) {
      if (e instanceof TagError) {
        return ((TagError) e).tag;
      }
      if (e instanceof CancelledError) {
        return "Cancelled";
      }
      if (e instanceof AlreadyCalledError) {
        return "AlreadyCalled";
      }
      if (e instanceof TimeoutError) {
        return "Timeout";
      }
      if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("cycle")) {
        return "Cycle"; // where Twisted's recursive cancel() overflows the stack
      }
      return e.getClass().getSimpleName();
    }

    String fmt(@Nullable Object x) {
      if (x == null) {
        return "None";
      }
      if (x instanceof Integer) {
        return x.toString();
      }
      if (x instanceof Failure) {
        return "F:" + tagOf(((Failure) x).value());
      }
      if (x instanceof Deferred) {
        return "D" + ds.indexOf(x);
      }
      throw new AssertionError("unprintable value " + x);
    }

    String state(Deferred<Object> d) {
      if (!d.called()) {
        return "-";
      }
      Object res = d.result();
      String r = res instanceof Deferred ? "W" + ds.indexOf(res) : fmt(res);
      return "c1 p" + d.paused() + " " + r;
    }

    int userPauses(Deferred<Object> d) {
      boolean waiting = d.called() && d.result() instanceof Deferred;
      return d.paused() - (waiting ? 1 : 0);
    }

    Callback<@Nullable Object, @Nullable Object> callback(
        int n, String[] action, String @Nullable [] nested) {
      return x -> {
        events.add("#" + n + " " + fmt(x));
        if (nested != null) {
          runOp(nested);
        }
        switch (action[0]) {
          case "add":
            return (x instanceof Integer ? (Integer) x : 0) + Integer.parseInt(action[1]);
          case "raise":
            throw new TagError(action[1]);
          case "fail":
            return new Failure(new TagError(action[1]));
          case "ret":
            return ds.get(Integer.parseInt(action[1]));
          case "pass":
            return x;
          case "reraise":
            if (x instanceof Failure) {
              return ((Failure) x).raiseException();
            }
            return x;
          case "trap":
            if (x instanceof Failure) {
              Failure f = (Failure) x;
              if (tagOf(f.value()).equals(action[1])) {
                return Integer.parseInt(action[2]);
              }
              return f.raiseException();
            }
            return x;
          default:
            throw new AssertionError("unknown action " + String.join(" ", action));
        }
      };
    }

    void runOp(String[] t) {
      try {
        op(t);
      } catch (RuntimeException e) {
        events.add("! " + tagOf(e));
      }
    }

    void op(String[] t) {
      if (t[0].equals("advance")) {
        clock.advance(Integer.parseInt(t[1]));
        return;
      }
      Deferred<Object> d = ds.get(Integer.parseInt(t[1]));
      switch (t[0]) {
        case "callback":
          if (t[2].startsWith("F:")) {
            d.callback(new Failure(new TagError(t[2].substring(2))));
          } else {
            d.callback(t[2].equals("None") ? null : Integer.valueOf(t[2]));
          }
          break;
        case "errback":
          d.errback(new TagError(t[2]));
          break;
        case "pause":
          d.pause();
          break;
        case "unpause":
          if (userPauses(d) > 0) {
            d.unpause();
          } else {
            events.add("skip");
          }
          break;
        case "cancel":
          d.cancel();
          break;
        case "chain":
          d.chainDeferred(ds.get(Integer.parseInt(t[2])));
          break;
        case "timeout":
          d.addTimeout(Integer.parseInt(t[2]), clock);
          break;
        case "obs":
          events.add("obs " + t[1] + " " + state(d));
          break;
        case "cb":
        case "eb":
        case "both":
        case "cbs":
          addCallback(d, t);
          break;
        default:
          throw new AssertionError("unknown op " + String.join(" ", t));
      }
    }

    private void addCallback(Deferred<Object> d, String[] t) {
      int n = Integer.parseInt(t[2].substring(1));
      String[] rest = Arrays.copyOfRange(t, 3, t.length);
      String[] nested = null;
      int bar = Arrays.asList(rest).indexOf("|");
      if (bar >= 0) {
        nested = Arrays.copyOfRange(rest, bar + 1, rest.length);
        rest = Arrays.copyOfRange(rest, 0, bar);
      }
      if (t[0].equals("cbs")) {
        int slash = Arrays.asList(rest).indexOf("/");
        d.addCallbacks(callback(n, Arrays.copyOfRange(rest, 0, slash), nested),
            callback(n, Arrays.copyOfRange(rest, slash + 1, rest.length), nested));
        return;
      }
      Callback<@Nullable Object, @Nullable Object> fn = callback(n, rest, nested);
      if (t[0].equals("cb")) {
        d.addCallback(fn);
      } else if (t[0].equals("eb")) {
        d.addErrback(fn);
      } else {
        d.addBoth(fn);
      }
    }

    List<String> finish() {
      List<String> states = new ArrayList<>();
      for (Deferred<Object> d : ds) {
        states.add(state(d));
      }
      events.add("= " + String.join(" | ", states));
      return events;
    }
  }

  static List<String> replay(Scenario s) {
    Runner runner = new Runner(s.deferreds);
    for (String[] op : s.ops) {
      runner.runOp(op);
    }
    return runner.finish();
  }

  private static String report(Scenario s, List<String> actual, int mismatches) {
    int i = 0;
    while (i < s.expected.size() && i < actual.size() && s.expected.get(i).equals(actual.get(i))) {
      i++;
    }
    return s.name + " differs from Twisted at trace line " + (i + 1) + " (" + mismatches
        + " scenarios differ in all)\n" + s.program()
        + "--- Twisted 22.4:\n" + String.join("\n", s.expected)
        + "\n--- Torsion:\n" + String.join("\n", actual) + "\n";
  }

  /** Every recorded scenario replays against Torsion with Twisted's exact trace. */
  @Test(timeOut = 120_000) // a hang in Deferred fails the test instead of stalling the build
  public void everyScenarioMatchesTwisted() throws IOException {
    String other = System.getProperty("differential.fixture");
    InputStream in = other != null
        ? Files.newInputStream(Path.of(other))
        : DeferredDifferentialTest.class.getResourceAsStream(FIXTURE);
    assertNotNull(in, "fixture " + FIXTURE + " is missing from test resources");
    Fixture fixture = load(in);
    List<Scenario> scenarios = fixture.scenarios;
    // Guards against a truncated fixture, which would otherwise pass with fewer checks.
    assertEquals(scenarios.size(), fixture.declared, "scenario count in " + FIXTURE);
    assertTrue(scenarios.size() >= 2000, "too few scenarios: " + scenarios.size());
    UnhandledErrors.Observer previous = UnhandledErrors.setObserver((failure, report) -> { });
    String first = null;
    int mismatches = 0;
    try {
      for (Scenario s : scenarios) {
        List<String> actual = replay(s);
        // Scenarios leave Failures unhandled on purpose; they are not part of the trace.
        UnhandledErrors.flushPending();
        if (!actual.equals(s.expected)) {
          mismatches++;
          if (first == null) {
            first = s.name;
          }
          if (System.getProperty("differential.all") != null) {
            System.err.println(report(s, actual, 0));
          }
        }
      }
      if (first != null) {
        for (Scenario s : scenarios) {
          if (s.name.equals(first)) {
            fail(report(s, replay(s), mismatches));
          }
        }
      }
    } finally {
      UnhandledErrors.flushPending();
      UnhandledErrors.setObserver(previous);
    }
  }

  /** The replayer itself notices a trace that differs, so a passing run means something. */
  @Test
  public void aWrongExpectationIsDetected() throws IOException {
    String text = "scenario 0\nd -\n> cb 0 #1 add 2\n> callback 0 3\n"
        + "< #1 3\n< = c1 p0 6\nend\n";
    Scenario s = load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .scenarios.get(0);
    List<String> actual = replay(s);
    assertEquals(actual, List.of("#1 3", "= c1 p0 5"));
    assertEquals(actual.equals(s.expected), false);
  }
}
