package dev.torsion.application.runner;

import dev.torsion.application.IService;
import dev.torsion.application.Service;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import dev.torsion.internet.reactor.Reactors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fake reactor providers and plugins that record what the runner does with them. */
final class Fakes {
  private Fakes() {}

  private static final List<Reactor> BUILT = new ArrayList<>();

  /** A real, unrun nio reactor, built without installing anything; see {@link #release}. */
  static synchronized Reactor newReactor() {
    Reactor r = Reactors.provider("nio").create();
    BUILT.add(r);
    return r;
  }

  /** Releases the selectors of the reactors built so far (for an @AfterMethod). */
  static synchronized void release() {
    for (Reactor r : BUILT) {
      if (r instanceof LoopCore core && !core.running()) {
        core.backend().close();
      }
    }
    BUILT.clear();
  }

  /** A provider recording "reactor installed" when created. */
  static class FakeProvider implements ReactorProvider {
    final String name;
    final String description;
    final @Nullable String cause;
    final @Nullable RuntimeException createFails;
    final List<String> events;

    FakeProvider(String name, String description, @Nullable String cause,
        @Nullable RuntimeException createFails, List<String> events) {
      this.name = name;
      this.description = description;
      this.cause = cause;
      this.createFails = createFails;
      this.events = events;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public boolean isSupported() {
      return cause == null;
    }

    @Override
    public @Nullable String unavailabilityCause() {
      return cause;
    }

    @Override
    public int preference() {
      return 0;
    }

    @Override
    public Reactor create() {
      events.add("reactor installed");
      if (createFails != null) {
        throw createFails;
      }
      return newReactor();
    }
  }

  /** A selection over {@code providers} whose default is a fresh nio reactor. */
  static ReactorSelection selection(List<ReactorProvider> providers, List<String> events) {
    return new ReactorSelection(() -> providers, ReactorProvider::create, () -> {
      events.add("default reactor installed");
      return newReactor();
    });
  }

  /** A plugin named "subcommand": its service stops the reactor as soon as it runs. */
  static final class FakePlugin implements IServiceMaker<FakePlugin.Options> {
    final List<String> events;
    @Nullable Reactor reactor;

    FakePlugin(List<String> events) {
      this.events = events;
    }

    @Command(name = "subcommand")
    static final class Options {
      @Option(names = "--flag", description = "What the service should do.")
      String flag = "run";
    }

    @Override
    public String tapname() {
      return "subcommand";
    }

    @Override
    public String description() {
      return "test subcommand";
    }

    @Override
    public Options options() {
      events.add("options");
      return new Options();
    }

    @Override
    public IService makeService(Reactor r, Options options) {
      events.add("makeService " + options.flag);
      reactor = r;
      if (options.flag.equals("bad")) {
        throw new IllegalArgumentException("bad value for --flag: 'bad'\nsecond line");
      }
      return new Service() {
        @Override
        public void privilegedStartService() {
          if (options.flag.equals("fail")) {
            throw new IllegalStateException("Couldn't listen on 127.0.0.1:1: in use");
          }
          events.add("privilegedStartService");
        }

        @Override
        public void startService() {
          super.startService();
          events.add("startService");
          r.callWhenRunning(r::stop);
        }

        @Override
        public @Nullable Deferred<?> stopService() {
          events.add("stopService");
          return super.stopService();
        }
      };
    }
  }

  /** Captures what a {@link PrintStream} gets. */
  static final class Capture {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
      List<String> out = new ArrayList<>();
      for (String l : text().split("\\R")) {
        if (!l.isEmpty()) {
          out.add(l);
        }
      }
      return out;
    }
  }
}
