package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * A collection of services that manages their start-up and shut-down. Children are found by
 * name, and iteration gives every child in the order it was added.
 *
 * <p><b>Lifecycle.</b> {@link #addService} and {@link #removeService} are called by a child's
 * {@link IService#setServiceParent} and {@link IService#disownServiceParent}; users call those,
 * not these.
 *
 * <p><b>Errors.</b> A duplicate name is an {@link IllegalStateException} (Twisted's
 * {@code RuntimeError}); an unknown name a {@link java.util.NoSuchElementException} (Twisted's
 * {@code KeyError}); removing a service that is not a child an {@link IllegalArgumentException}
 * (Twisted's {@code ValueError}).
 *
 * <p><b>Threading.</b> The reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code __iter__} is {@link Iterable}; its
 * iterator must not be used to remove children.
 *
 * @twisted twisted.application.service.IServiceCollection
 */
public interface IServiceCollection extends Iterable<IService> {
  /**
   * Finds the child with a given name.
   *
   * @param name the name
   * @return the child
   * @throws java.util.NoSuchElementException if no child has that name
   * @twisted twisted.application.service.IServiceCollection.getServiceNamed
   */
  IService getServiceNamed(String name);

  /**
   * Iterates over the children in the order they were added.
   *
   * @return a read-only iterator
   * @twisted twisted.application.service.IServiceCollection.__iter__
   */
  @Override
  Iterator<IService> iterator();

  /**
   * Adds a child; a running collection starts it. Only implementations of
   * {@link IService#setServiceParent} should call this.
   *
   * @param service the child
   * @throws IllegalStateException if the child has a name another child already has
   * @twisted twisted.application.service.IServiceCollection.addService
   */
  void addService(IService service);

  /**
   * Removes a child; a running collection stops it. Only implementations of
   * {@link IService#disownServiceParent} should call this.
   *
   * @param service the child
   * @return the child's {@link IService#stopService} result if it was stopped, else
   *     {@code null}
   * @throws IllegalArgumentException if {@code service} is not a child
   * @twisted twisted.application.service.IServiceCollection.removeService
   */
  @Nullable Deferred<?> removeService(IService service);
}
