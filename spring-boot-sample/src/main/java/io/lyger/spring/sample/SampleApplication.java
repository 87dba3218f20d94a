package io.lyger.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot sample: the endpoints of the WAR sample (war-sample/) that a Spring application would have, written
 * the Spring way (Spring MVC controllers, Spring Data JPA repositories over H2, a Thymeleaf page, Bean Validation,
 * Actuator). Nothing in it knows about Lyger: the server is chosen by the pom.xml's dependencies.
 */
@SpringBootApplication
public class SampleApplication
{
    public static void main(String[] args)
    {
        SpringApplication.run(SampleApplication.class, args);
    }
}
