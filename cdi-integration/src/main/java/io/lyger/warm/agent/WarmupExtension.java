package io.lyger.warm.agent;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

/**
 * The CDI portable extension Lyger adds to every web application that has a CDI implementation. When the container
 * has validated the deployment ({@link AfterDeploymentValidation}, before the application's
 * {@code @Initialized(ApplicationScoped.class)} observers and before any request), it creates the beans that can be
 * created ({@link BeanWarmer}) and deploys the persistence units they expose ({@link PersistenceWarmer}), then leaves
 * its findings in {@link WarmupReport} for the server to log.
 * <p>
 * Loaded by the web application's class loader (Lyger puts this package on its extra class path, see
 * {@code io.lyger.warm.AgentClasspath}), so it links against the WAR's own CDI and JPA APIs.
 */
public class WarmupExtension implements Extension
{
    void afterDeploymentValidation(@Observes AfterDeploymentValidation event, BeanManager beanManager)
    {
        long start = System.nanoTime();
        WarmupReport report = new WarmupReport();
        new BeanWarmer(beanManager, report).warm();
        if (PersistenceWarmer.jpaPresent())
        {
            String unavailable = new PersistenceWarmer(beanManager, report).warm();
            if (unavailable != null)
                event.addDeploymentProblem(new PersistenceUnitUnavailableException(unavailable));
        }
        report.millis = (System.nanoTime() - start) / 1_000_000;
        WarmupReport.publish(report);
    }
}
