package io.lyger.spring.boot.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application with no Lyger code: the starter on the class path is all it takes. */
@SpringBootApplication
public class SampleApplication
{
    @Bean
    ServletRegistrationBean<PlainServlet> plainServlet()
    {
        return new ServletRegistrationBean<>(new PlainServlet(), "/plain");
    }
}
