package io.lyger.spring.boot;

import io.lyger.connector.NativeEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Gives each of Spring MVC's static-resource handlers a {@link FileRegionResourceConverter}, when the native engine
 * will serve (it loads here and {@code lyger.connector} is not {@code jetty}) and {@code lyger.file-regions} is on. The handlers are not beans: they sit
 * in the URL handler mappings ({@code resourceHandlerMapping}), whose map is complete once the mapping bean is
 * initialized.
 */
public class ResourceHandlerFileRegions implements BeanPostProcessor
{
    private static final Logger LOG = LoggerFactory.getLogger(ResourceHandlerFileRegions.class);
    private final ObjectProvider<LygerProperties> properties;

    public ResourceHandlerFileRegions(ObjectProvider<LygerProperties> properties)
    {
        this.properties = properties;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName)
    {
        if (bean instanceof AbstractUrlHandlerMapping mapping && nativeServes())
        {
            for (Object handler : mapping.getHandlerMap().values())
            {
                if (handler instanceof ResourceHttpRequestHandler resources && !(resources.getResourceHttpMessageConverter() instanceof FileRegionResourceConverter))
                {
                    resources.setResourceHttpMessageConverter(new FileRegionResourceConverter());
                    LOG.debug("Spring MVC resources of {} ({}) as file regions", beanName, resources.getLocations());
                }
            }
        }
        return bean;
    }

    private boolean nativeServes()
    {
        LygerProperties lyger = properties.getIfAvailable();
        return lyger != null && lyger.isFileRegions() && lyger.getConnector() != LygerProperties.Connector.JETTY && NativeEngine.unavailableReason() == null;
    }
}
