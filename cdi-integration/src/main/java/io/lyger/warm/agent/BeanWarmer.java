package io.lyger.warm.agent;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;

/**
 * Does up front what a CDI container otherwise does on first use, for every bean of the application:
 * <ul>
 * <li>resolves each injection point ({@link BeanManager#validate(InjectionPoint)});</li>
 * <li>generates the client proxy of each normal-scoped bean ({@link BeanManager#getReference}); the interceptor and
 * decorator subclasses of a bean are generated when its first instance is created;</li>
 * <li>creates the instance, running its {@code @PostConstruct}, when the bean's scope is active without a request:
 * application scope, {@code @Singleton}, and any other normal scope whose context is active now. A method call on
 * the client proxy ({@code toString()}, which Weld and OpenWebBeans forward to the instance) creates it in its
 * context, where the application will find it. {@code @Dependent} beans are not created: an instance would belong
 * to nobody;</li>
 * </ul>
 * Observer resolution is primed later, once the container has booted ({@link ObserverWarmer}).
 * A bean that fails is recorded in the report (bean and reason) and the others go on: the warm-up never breaks a
 * deployment that would work without it.
 */
final class BeanWarmer
{
    private final BeanManager beanManager;
    private final WarmupReport report;

    BeanWarmer(BeanManager beanManager, WarmupReport report)
    {
        this.beanManager = beanManager;
        this.report = report;
    }

    void warm()
    {
        List<Bean<?>> beans = new ArrayList<>(beanManager.getBeans(Object.class, Any.Literal.INSTANCE));
        beans.removeIf(BeanWarmer::isContainerBean);
        // A stable order makes the report and the order of @PostConstruct calls reproducible.
        beans.sort(Comparator.comparing(BeanWarmer::describe));
        for (Bean<?> bean : beans)
        {
            if (!resolveInjectionPoints(bean))
                continue;
            Class<? extends Annotation> scope = bean.getScope();
            try
            {
                if (beanManager.isNormalScope(scope))
                {
                    Object proxy = beanManager.getReference(bean, referenceType(bean), beanManager.createCreationalContext(bean));
                    report.proxies++;
                    if (isActive(scope))
                    {
                        proxy.toString();
                        report.created++;
                    }
                    else
                    {
                        report.lazy++;
                    }
                }
                else if (scope == Singleton.class)
                {
                    beanManager.getReference(bean, referenceType(bean), beanManager.createCreationalContext(bean));
                    report.created++;
                }
            }
            catch (RuntimeException | LinkageError x)
            {
                report.failures.add(describe(bean) + ": " + WarmupReport.oneLine(x));
            }
        }
    }

    private boolean resolveInjectionPoints(Bean<?> bean)
    {
        for (InjectionPoint injectionPoint : bean.getInjectionPoints())
        {
            if (injectionPoint.isDelegate())
                continue;
            try
            {
                beanManager.validate(injectionPoint);
                report.injectionPoints++;
            }
            catch (RuntimeException x)
            {
                report.failures.add(describe(bean) + ": injection point " + injectionPoint.getMember().getName() + ": " + WarmupReport.oneLine(x));
                return false;
            }
        }
        return true;
    }

    private boolean isActive(Class<? extends Annotation> scope)
    {
        try
        {
            return beanManager.getContext(scope).isActive();
        }
        catch (ContextNotActiveException | IllegalArgumentException x)
        {
            return false;
        }
    }

    private static Type referenceType(Bean<?> bean)
    {
        for (Type type : bean.getTypes())
        {
            if (type != Object.class)
                return type;
        }
        return Object.class;
    }

    /** @return true for the container's own beans (BeanManager, InjectionPoint, Event...) and extensions */
    private static boolean isContainerBean(Bean<?> bean)
    {
        Class<?> beanClass = bean.getBeanClass();
        String name = beanClass.getName();
        return name.startsWith("org.jboss.weld.") || name.startsWith("org.apache.webbeans.") || name.startsWith("jakarta.")
            || name.startsWith("io.lyger.warm.agent.") || Extension.class.isAssignableFrom(beanClass);
    }

    /** @return "io.example.Foo (@ApplicationScoped)" or "EntityManager produced by io.example.Resources (@RequestScoped)" */
    static String describe(Bean<?> bean)
    {
        String scope = "@" + bean.getScope().getSimpleName();
        Class<?> beanClass = bean.getBeanClass();
        if (bean.getTypes().contains(beanClass))
            return beanClass.getName() + " (" + scope + ")";
        Type type = referenceType(bean);
        String typeName = type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
        return typeName + " produced by " + beanClass.getName() + " (" + scope + ")";
    }
}
