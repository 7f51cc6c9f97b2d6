package dev.torsion.trial;

import java.util.ArrayList;
import java.util.List;
import org.testng.IAlterSuiteListener;
import org.testng.IMethodInstance;
import org.testng.IMethodInterceptor;
import org.testng.ITestContext;
import org.testng.ITestNGListener;
import org.testng.xml.XmlSuite;

/**
 * Lets TestNG run {@code @Test} methods that return a value, so a {@link TestCase} test can
 * return a Deferred. TestNG skips such methods unless the suite sets {@code allow-return-values};
 * this listener sets it on every suite (and child suite) before the run. It is registered in
 * {@code META-INF/services/org.testng.ITestNGListener}, so TestNG loads it whenever this library
 * is on the test classpath: no suite XML and no {@code @Listeners} are needed.
 *
 * <p>It also keeps TestNG from running {@code isEnabled()}, a default method of the listener
 * interface {@link SynchronousTestCase} implements, as a test of a class annotated with a
 * class-level {@code @Test}.
 *
 * <p><b>Differences from Twisted.</b> Trial needs no such thing. A side effect: other
 * value-returning {@code @Test} methods in the same run are run too, where TestNG would have
 * skipped them with a warning.
 */
public final class TrialListener implements IAlterSuiteListener, IMethodInterceptor {
  /** Created by TestNG's service loader. */
  public TrialListener() {}

  /**
   * Sets {@code allow-return-values} on {@code suites} and their child suites.
   *
   * @param suites the suites about to run
   */
  @Override
  public void alter(List<XmlSuite> suites) {
    for (XmlSuite suite : suites) {
      suite.setAllowReturnValues(true);
      alter(suite.getChildSuites());
    }
  }

  /**
   * Drops the methods of TestNG's listener interfaces that a class-level {@code @Test} made into
   * tests of a trial test class; keeps everything else, in order.
   *
   * @param methods the test methods about to run
   * @param context the test context
   * @return the methods to run
   */
  @Override
  public List<IMethodInstance> intercept(List<IMethodInstance> methods, ITestContext context) {
    List<IMethodInstance> kept = new ArrayList<>(methods.size());
    for (IMethodInstance method : methods) {
      Class<?> declaring =
          method.getMethod().getConstructorOrMethod().getMethod().getDeclaringClass();
      boolean listenerMethod = ITestNGListener.class.isAssignableFrom(declaring)
          && declaring.isInterface()
          && method.getInstance() instanceof SynchronousTestCase;
      if (!listenerMethod) {
        kept.add(method);
      }
    }
    return kept;
  }
}
