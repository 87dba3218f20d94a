package io.lyger.warm.testapp;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/** Test web application: a bean the warm-up creates. */
@ApplicationScoped
public class GoodBean
{
    private String greeting;

    @PostConstruct
    void init()
    {
        greeting = "hello";
    }

    public String greeting()
    {
        return greeting;
    }
}
