package dev.torsion.internet.interfaces;

/**
 * A reactor whose name resolver can be replaced (for tests, or a DNS client).
 *
 * @twisted twisted.internet.interfaces.IReactorPluggableNameResolver
 */
public interface IReactorPluggableNameResolver {
  /**
   * The resolver in use.
   *
   * @return the resolver
   * @twisted twisted.internet.interfaces.IReactorPluggableNameResolver.nameResolver
   */
  IHostnameResolver nameResolver();

  /**
   * Replaces the resolver.
   *
   * @param resolver the new resolver
   * @return the previous one
   * @twisted twisted.internet.interfaces.IReactorPluggableNameResolver.installNameResolver
   */
  IHostnameResolver installNameResolver(IHostnameResolver resolver);
}
