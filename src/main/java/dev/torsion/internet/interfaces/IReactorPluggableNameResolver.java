package dev.torsion.internet.interfaces;

/**
 * A reactor whose name resolver can be replaced (for tests, or a DNS client). Everything in the
 * reactor that resolves names (such as {@code connectTCP} with a host name) asks the installed
 * resolver.
 *
 * <p><b>Threading.</b> Reactor thread only. Install a resolver before the connections that should
 * use it start; resolutions already under way finish with the old one.
 *
 * <p><b>Differences from Twisted.</b> Twisted also has the older {@code IResolverSimple}
 * ({@code installResolver}, {@code resolve(name)}) and wraps one into the other; Torsion has only
 * the {@link IHostnameResolver} form.
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
