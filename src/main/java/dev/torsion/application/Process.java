package dev.torsion.application;

import org.jspecify.annotations.Nullable;

/**
 * Plain process settings: a user id, a group id and a process name, any of them unset.
 *
 * <pre>{@code
 * IProcess p = new Process(1000, null);
 * p.setProcessName("chat");
 * }</pre>
 *
 * <p>The contract is {@link IProcess}'s. {@link Application} is an {@code IProcess} itself.
 *
 * @twisted twisted.application.service.Process
 */
public final class Process implements IProcess {
  private final @Nullable Integer uid;
  private final @Nullable Integer gid;
  private @Nullable String processName;

  /**
   * Settings that keep the current user and group.
   *
   * @twisted twisted.application.service.Process.__init__
   */
  public Process() {
    this(null, null);
  }

  /**
   * Settings with the given ids.
   *
   * @param uid the user id to run as, or {@code null} to keep the current one
   * @param gid the group id to run as, or {@code null} to keep the current one
   * @twisted twisted.application.service.Process.__init__
   */
  public Process(@Nullable Integer uid, @Nullable Integer gid) {
    this.uid = uid;
    this.gid = gid;
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
  public @Nullable Integer uid() {
    return uid;
  }

  @Override
  public @Nullable Integer gid() {
    return gid;
  }

  @Override
  public String toString() {
    return "<Process uid=" + uid + " gid=" + gid
        + (processName == null ? "" : " processName='" + processName + "'") + ">";
  }
}
