package io.lyger.warm.agent;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ObserverMethod;

/**
 * Primes the container's observer resolution for the application's events, so that the first {@code fire()} of each
 * finds its observers in the container's cache instead of matching every observer method of the deployment.
 * <p>
 * Which events: the type and qualifiers each observer method of the application observes (collected from
 * {@code ProcessObserverMethod}), and the type and qualifiers of each {@code Event<T>} injection point of the
 * application's beans (what {@code Event.fire()} resolves with). Nothing is fired and no observer is called: the
 * observers are only resolved.
 * <p>
 * The portable {@link BeanManager#resolveObserverMethods(Object, Annotation...)} resolves from an event
 * <em>instance</em>, which the warm-up cannot make for an arbitrary type without running application code. Weld
 * resolves from a type through its public {@code ObserverNotifier.resolveObserverMethods(Type, Set)}, the very call
 * (and cache) {@code Event.fire()} uses, so with Weld the warm-up calls that, by reflection; with another CDI
 * implementation observer resolution is left to the first fire and the report says so.
 * <p>
 * This runs once the container has booted: Weld flushes its resolution caches at the end of its initialization,
 * after {@code AfterDeploymentValidation}, so anything resolved before would be forgotten.
 */
final class ObserverWarmer
{
    /** An event type with its qualifiers, as the container resolves it. */
    record EventKey(Type type, Set<Annotation> qualifiers)
    {
        @Override
        public String toString()
        {
            return (qualifiers.isEmpty() ? "" : qualifiers + " ") + type.getTypeName();
        }
    }

    private final Set<EventKey> events = new LinkedHashSet<>();

    /** Remembers what an application observer method observes (container lifecycle observers of extensions excepted). */
    synchronized void observed(ObserverMethod<?> observer)
    {
        Class<?> beanClass = observer.getBeanClass();
        if (beanClass != null && (Extension.class.isAssignableFrom(beanClass) || isContainerClass(beanClass.getName())))
            return;
        events.add(new EventKey(observer.getObservedType(), Set.copyOf(observer.getObservedQualifiers())));
    }

    /** Remembers the {@code Event<T>} injection points of the application's beans. */
    synchronized void injected(BeanManager beanManager)
    {
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE))
        {
            if (isContainerClass(bean.getBeanClass().getName()))
                continue;
            for (InjectionPoint injectionPoint : bean.getInjectionPoints())
            {
                if (injectionPoint.getType() instanceof ParameterizedType type && type.getRawType() == Event.class
                    && type.getActualTypeArguments().length == 1 && type.getActualTypeArguments()[0] instanceof Class<?> eventType)
                {
                    events.add(new EventKey(eventType, Set.copyOf(injectionPoint.getQualifiers())));
                }
            }
        }
    }

    /**
     * Resolves the observers of every remembered event. Records in {@code report} how many event types were primed
     * (and how many observer methods they resolved to), or why observer resolution could not be primed.
     */
    synchronized void prime(BeanManager beanManager, WarmupReport report)
    {
        if (events.isEmpty())
            return;
        Object notifier;
        Method resolve;
        Method allObservers;
        try
        {
            Object manager = beanManager;
            try
            {
                // Weld hands extensions a BeanManagerProxy; its delegate is the BeanManagerImpl
                manager = beanManager.getClass().getMethod("delegate").invoke(beanManager);
            }
            catch (NoSuchMethodException notAProxy)
            {
                // the manager itself
            }
            notifier = manager.getClass().getMethod("getGlobalStrictObserverNotifier").invoke(manager);
            resolve = notifier.getClass().getMethod("resolveObserverMethods", Type.class, Set.class);
            allObservers = resolve.getReturnType().getMethod("getAllObservers");
        }
        catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException x)
        {
            report.observerNotPrimed = "observer resolution not primed (the CDI implementation is not Weld: it resolves observers on the first fire)";
            return;
        }
        for (EventKey event : events)
        {
            try
            {
                Object resolved = resolve.invoke(notifier, event.type(), event.qualifiers());
                report.observedEvents++;
                report.observersResolved += ((List<?>)allObservers.invoke(resolved)).size();
            }
            catch (InvocationTargetException x)
            {
                // a type the container will not resolve from its type alone (a type variable, a wildcard...)
                report.eventsLeft.add(event + ": " + WarmupReport.oneLine(x.getCause()));
            }
            catch (IllegalAccessException | RuntimeException x)
            {
                report.eventsLeft.add(event + ": " + WarmupReport.oneLine(x));
            }
        }
    }

    private static boolean isContainerClass(String name)
    {
        return name.startsWith("org.jboss.weld.") || name.startsWith("org.apache.webbeans.") || name.startsWith("jakarta.")
            || name.startsWith("io.lyger.warm.agent.");
    }
}
