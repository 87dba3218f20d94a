package io.lyger.sample.app;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Implements {@link Timed}: records each call in {@link CallStats}, failed or not. */
@Timed
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TimedInterceptor
{
    @Inject
    CallStats stats;

    @AroundInvoke
    public Object time(InvocationContext invocation) throws Exception
    {
        long start = System.nanoTime();
        try
        {
            return invocation.proceed();
        }
        finally
        {
            stats.record(invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName(),
                System.nanoTime() - start);
        }
    }
}
