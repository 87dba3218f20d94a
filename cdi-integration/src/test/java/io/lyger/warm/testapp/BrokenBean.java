package io.lyger.warm.testapp;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/** Test web application: a bean whose creation fails, as one missing its configuration would. */
@ApplicationScoped
public class BrokenBean
{
    @PostConstruct
    void init()
    {
        throw new IllegalStateException("no license key configured");
    }

    public void use()
    {
    }
}
