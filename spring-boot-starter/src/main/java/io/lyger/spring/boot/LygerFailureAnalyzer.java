package io.lyger.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link LygerStartException} into Spring Boot's "APPLICATION FAILED TO START" report: its one line as the
 * description, without the stack trace of the context refresh around it.
 */
public class LygerFailureAnalyzer extends AbstractFailureAnalyzer<LygerStartException>
{
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LygerStartException cause)
    {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
