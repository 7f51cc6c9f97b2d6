package dev.torsion.application;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The root of a program's services: a named top-level {@link MultiService} together with the
 * user and group ids the process should run as.
 *
 * <pre>{@code
 * Application application = new Application("chat");
 * new ChatService().setServiceParent(application.service());
 * application.service().startService();
 * }</pre>
 *
 * <p><b>Threading.</b> The reactor thread only, as its services.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code Application(name, uid, gid)} is a
 * function returning a {@code Componentized} object, read by adapting it:
 * {@code IService(app)}, {@code IServiceCollection(app)}, {@code IProcess(app)},
 * {@code sob.IPersistable(app)}. Here it is a small final class: {@link #service()} is the
 * {@code IService} and {@code IServiceCollection} (one object, as in Twisted, named after the
 * application), the application is itself the {@link IProcess} ({@link #uid()},
 * {@link #gid()}, {@link #processName()}), and there is no persistence ({@code sob},
 * {@code .tap} files): Java applications are built by code.
 *
 * @twisted twisted.application.service.Application
 */
public final class Application implements IProcess {
  private final MultiService service = new MultiService();
  private final @Nullable Integer uid;
  private final @Nullable Integer gid;
  private @Nullable String processName;

  /**
   * Creates an application whose process keeps its user and group.
   *
   * @param name the name, given to the top-level service
   * @throws NullPointerException if {@code name} is null
   * @twisted twisted.application.service.Application
   */
  public Application(String name) {
    this(name, null, null);
  }

  /**
   * Creates an application.
   *
   * @param name the name, given to the top-level service
   * @param uid the user id to run as, or {@code null} to leave it alone
   * @param gid the group id to run as, or {@code null} to leave it alone
   * @throws NullPointerException if {@code name} is null
   * @twisted twisted.application.service.Application
   */
  public Application(String name, @Nullable Integer uid, @Nullable Integer gid) {
    service.setName(Objects.requireNonNull(name, "name"));
    this.uid = uid;
    this.gid = gid;
  }

  /**
   * The top-level service, which is also the collection services are added to.
   *
   * @return the top-level MultiService, named after the application, with no parent
   * @twisted twisted.application.service.IService (adapting an Application)
   */
  public MultiService service() {
    return service;
  }

  /**
   * The user id the process should run as.
   *
   * @return the uid, or {@code null} to leave it alone
   * @twisted twisted.application.service.IProcess.uid
   */
  @Override
  public @Nullable Integer uid() {
    return uid;
  }

  /**
   * The group id the process should run as.
   *
   * @return the gid, or {@code null} to leave it alone
   * @twisted twisted.application.service.IProcess.gid
   */
  @Override
  public @Nullable Integer gid() {
    return gid;
  }

  @Override
  public @Nullable String processName() {
    return processName;
  }

  @Override
  public void setProcessName(@Nullable String processName) {
    this.processName = processName;
  }

  @Override
  public String toString() {
    return "<Application '" + service.name() + "'>";
  }
}
