package io.lyger.spring.boot;

import io.lyger.connector.LygerConnector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the embedded Jetty of {@code spring-boot-starter-jetty} serve through {@link LygerConnector}: Spring Boot's
 * Jetty auto-configuration creates and configures the server as usual, then {@link LygerWebServerFactoryCustomizer}
 * swaps its connector. Servlet and reactive Jetty servers alike (both are {@link ConfigurableJettyWebServerFactory}).
 */
@AutoConfiguration
@ConditionalOnClass({ConfigurableJettyWebServerFactory.class, LygerConnector.class})
@ConditionalOnWebApplication
@EnableConfigurationProperties(LygerProperties.class)
public class LygerAutoConfiguration
{
    @Bean
    LygerWebServerFactoryCustomizer lygerWebServerFactoryCustomizer(LygerProperties properties)
    {
        return new LygerWebServerFactoryCustomizer(properties);
    }

    @Bean
    DeclaredWarmup lygerDeclaredWarmup(ApplicationContext context, LygerProperties properties)
    {
        return new DeclaredWarmup(context, properties);
    }

    /** Only where Spring MVC serves static resources: they go out as file regions too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.resource.ResourceHttpRequestHandler")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class StaticResources
    {
        @Bean
        static ResourceHandlerFileRegions lygerResourceHandlerFileRegions(ObjectProvider<LygerProperties> properties)
        {
            return new ResourceHandlerFileRegions(properties);
        }
    }

    /** Only where the application has Micrometer: a MeterBinder bean is bound to every MeterRegistry Actuator makes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics
    {
        @Bean
        LygerMeterBinder lygerMeterBinder(ApplicationContext context)
        {
            return new LygerMeterBinder(context);
        }
    }
}
