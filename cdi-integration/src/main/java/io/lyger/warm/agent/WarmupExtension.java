package io.lyger.warm.agent;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.interceptor.Interceptor;

/**
 * The CDI portable extension Lyger adds to every web application that has a CDI implementation. When the container
 * has validated the deployment ({@link AfterDeploymentValidation}, before the application's
 * {@code @Initialized(ApplicationScoped.class)} observers and before any request), it creates the beans that can be
 * created ({@link BeanWarmer}) and deploys the persistence units they expose and those only {@code persistence.xml}
 * declares ({@link PersistenceWarmer}). Once the container has booted (the first of the
 * {@code @Initialized(ApplicationScoped.class)} observers), it primes observer resolution ({@link ObserverWarmer}).
 * It leaves its findings in {@link WarmupReport} for the server to log.
 * <p>
 * Loaded by the web application's class loader (Lyger puts this package on its extra class path, see
 * {@code io.lyger.warm.AgentClasspath}), so it links against the WAR's own CDI and JPA APIs.
 */
public class WarmupExtension implements Extension
{
    private final ObserverWarmer observers = new ObserverWarmer();
    private PersistenceWarmer persistence;
    private WarmupReport report;

    void observerMethod(@Observes ProcessObserverMethod<?, ?> event)
    {
        observers.observed(event.getObserverMethod());
    }

    void afterDeploymentValidation(@Observes AfterDeploymentValidation event, BeanManager beanManager)
    {
        long start = System.nanoTime();
        report = new WarmupReport();
        new BeanWarmer(beanManager, report).warm();
        observers.injected(beanManager);
        if (PersistenceWarmer.jpaPresent())
        {
            persistence = new PersistenceWarmer(beanManager, report);
            String unavailable = persistence.warm();
            if (unavailable != null)
                event.addDeploymentProblem(new PersistenceUnitUnavailableException(unavailable));
        }
        report.millis = (System.nanoTime() - start) / 1_000_000;
        WarmupReport.publish(report);
    }

    /**
     * First of the application's startup observers: the container has flushed the resolution caches of its boot, so
     * what is resolved now stays cached.
     */
    void booted(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object application,
                BeanManager beanManager)
    {
        if (report == null)
            return;
        long start = System.nanoTime();
        observers.prime(beanManager, report);
        report.millis += (System.nanoTime() - start) / 1_000_000;
        WarmupReport.publish(report);
    }

    void beforeShutdown(@Observes BeforeShutdown event)
    {
        if (persistence != null)
            persistence.close();
    }
}
