package dev.torsion.application;

import org.jspecify.annotations.Nullable;

/**
 * The process-level settings of an application: the name the process should show and the user
 * and group ids it should run as. A runner reads them; nothing here changes the process.
 *
 * <p><b>Threading.</b> Plain mutable state: set it before the runner reads it, on one thread.
 *
 * <p><b>Differences from Twisted.</b> Twisted's attributes are accessors; {@code uid} and
 * {@code gid} are fixed at construction (Twisted lets them be reassigned).
 *
 * @twisted twisted.application.service.IProcess
 */
public interface IProcess {
  /**
   * The name the process should show (in {@code ps}, for one).
   *
   * @return the name, or {@code null} for the runner's default
   * @twisted twisted.application.service.IProcess.processName
   */
  @Nullable String processName();

  /**
   * Sets the name the process should show.
   *
   * @param processName the name, or {@code null} for the runner's default
   * @twisted twisted.application.service.IProcess.processName
   */
  void setProcessName(@Nullable String processName);

  /**
   * The user id the process should run as.
   *
   * @return the id, or {@code null} to keep the current one
   * @twisted twisted.application.service.IProcess.uid
   */
  @Nullable Integer uid();

  /**
   * The group id the process should run as.
   *
   * @return the id, or {@code null} to keep the current one
   * @twisted twisted.application.service.IProcess.gid
   */
  @Nullable Integer gid();
}
