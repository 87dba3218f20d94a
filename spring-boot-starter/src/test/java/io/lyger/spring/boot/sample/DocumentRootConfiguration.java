package io.lyger.spring.boot.sample;

import java.io.File;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code sample.document-root=DIR}: the directory Jetty's DefaultServlet serves (Spring Boot has no property for it). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("sample.document-root")
public class DocumentRootConfiguration
{
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> documentRoot(@Value("${sample.document-root}") File root)
    {
        return factory -> factory.setDocumentRoot(root);
    }
}
