package dev.torsion.trial;

import java.util.List;
import org.testng.IAlterSuiteListener;
import org.testng.xml.XmlSuite;

/**
 * Lets TestNG run {@code @Test} methods that return a value, so a {@link TestCase} test can
 * return a Deferred. TestNG skips such methods unless the suite sets {@code allow-return-values};
 * this listener sets it on every suite (and child suite) before the run. It is registered in
 * {@code META-INF/services/org.testng.ITestNGListener}, so TestNG loads it whenever this library
 * is on the test classpath: no suite XML and no {@code @Listeners} are needed.
 *
 * <p><b>Differences from Twisted.</b> Trial needs no such thing. A side effect: other
 * value-returning {@code @Test} methods in the same run are run too, where TestNG would have
 * skipped them with a warning.
 */
public final class TrialListener implements IAlterSuiteListener {
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
}
