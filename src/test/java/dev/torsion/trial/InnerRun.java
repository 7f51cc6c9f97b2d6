package dev.torsion.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;

/**
 * Runs test classes in a TestNG of their own, as a user's build would (no suite XML), and keeps
 * each test method's result. The classes given are nested "subject" classes whose names do not
 * end in Test, so Surefire never runs them itself.
 */
final class InnerRun implements ITestListener {
  private final Map<String, ITestResult> results = new ConcurrentHashMap<>();

  private InnerRun() {}

  /** Runs {@code classes}; returns the results by test method name. */
  static Map<String, ITestResult> run(Class<?>... classes) {
    InnerRun recorder = new InnerRun();
    TestNG testng = new TestNG(false);
    testng.setUseDefaultListeners(false);
    testng.setVerbose(0);
    try {
      testng.setOutputDirectory(Files.createTempDirectory("torsion-inner-testng").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    testng.setTestClasses(classes);
    testng.addListener(recorder);
    testng.run();
    return recorder.results;
  }

  /** The one result of {@code method}, failing when it did not run. */
  static ITestResult only(Map<String, ITestResult> results, String method) {
    ITestResult result = results.get(method);
    if (result == null) {
      throw new AssertionError("test " + method + " did not run; results: " + results.keySet());
    }
    return result;
  }

  /** The message of the Throwable {@code result} recorded; fails when it has none. */
  static String message(ITestResult result) {
    Throwable error = result.getThrowable();
    if (error == null) {
      throw new AssertionError("no error recorded for " + result.getName());
    }
    return String.valueOf(error.getMessage());
  }

  @Override
  public void onTestSuccess(ITestResult result) {
    results.put(result.getName(), result);
  }

  @Override
  public void onTestFailure(ITestResult result) {
    results.put(result.getName(), result);
  }

  @Override
  public void onTestSkipped(ITestResult result) {
    results.put(result.getName(), result);
  }
}
