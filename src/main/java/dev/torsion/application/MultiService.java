package dev.torsion.application;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.DeferredList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service that holds other services and starts and stops them with itself: children start in
 * the order they were added and stop in reverse order. No child waits for another, but this
 * service's {@link #stopService()} Deferred fires only once every child has finished stopping.
 *
 * <pre>{@code
 * MultiService top = new MultiService();
 * Service db = new DatabaseService();
 * db.setName("db");
 * db.setServiceParent(top);                        // started first, stopped last
 * new TimerService(30, () -> flush()).setServiceParent(top);
 * top.privilegedStartService();
 * top.startService();
 * ...
 * top.stopService().addCallback(ignored -> reactor.stop());  // after every child has stopped
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Adding a child to a running MultiService calls the child's
 * {@code privilegedStartService} and {@code startService} at once; removing a child from a
 * running one stops it and gives its stop result back to the caller of
 * {@link IService#disownServiceParent()}.
 *
 * <p><b>Errors.</b> A child whose {@code stopService} throws or returns a failing Deferred does
 * not keep the others from stopping: each child's outcome is a member of a {@link DeferredList},
 * so the failure is in the list's results (and is reported as unhandled if nobody reads it).
 * Duplicate names are refused as {@link IServiceCollection} says.
 *
 * <p><b>Threading.</b> The reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code services} and {@code namedServices}
 * attributes are private here; iterate, or use {@link #getServiceNamed}.
 *
 * @twisted twisted.application.service.MultiService
 */
public class MultiService extends Service implements IServiceCollection {
  private final List<IService> services = new ArrayList<>();
  private final Map<String, IService> namedServices = new HashMap<>();

  /** Creates an empty, stopped MultiService. */
  public MultiService() {}

  /** Runs each child's {@code privilegedStartService}, in order. */
  @Override
  public void privilegedStartService() {
    super.privilegedStartService();
    for (IService service : List.copyOf(services)) {
      service.privilegedStartService();
    }
  }

  /** Marks this service running, then starts each child in order. */
  @Override
  public void startService() {
    super.startService();
    for (IService service : List.copyOf(services)) {
      service.startService();
    }
  }

  /**
   * Marks this service stopped, then stops each child, last added first.
   *
   * @return a {@link DeferredList} of the children's stop results, firing when all have fired
   */
  @Override
  public Deferred<?> stopService() {
    super.stopService();
    List<Deferred<@Nullable Object>> stops = new ArrayList<>(services.size());
    List<IService> reversed = new ArrayList<>(services);
    Collections.reverse(reversed);
    for (IService service : reversed) {
      stops.add(Defer.maybeDeferred(service::stopService));
    }
    return DeferredList.of(stops);
  }

  @Override
  public IService getServiceNamed(String name) {
    IService service = namedServices.get(name);
    if (service == null) {
      throw new NoSuchElementException(name);
    }
    return service;
  }

  @Override
  public Iterator<IService> iterator() {
    return Collections.unmodifiableList(services).iterator();
  }

  @Override
  public void addService(IService service) {
    Objects.requireNonNull(service, "service");
    String name = service.name();
    if (name != null) {
      if (namedServices.containsKey(name)) {
        throw new IllegalStateException("cannot have two services with same name '" + name + "'");
      }
      namedServices.put(name, service);
    }
    services.add(service);
    if (running()) {
      // Late, but as Twisted does: the child gets both start calls now.
      service.privilegedStartService();
      service.startService();
    }
  }

  @Override
  public @Nullable Deferred<?> removeService(IService service) {
    if (!services.contains(service)) {
      throw new IllegalArgumentException("not a child: " + service);
    }
    String name = service.name();
    if (name != null) {
      namedServices.remove(name);
    }
    services.remove(service);
    // Handing back the child's stop result keeps the caller able to wait for it.
    return running() ? service.stopService() : null;
  }
}
