package io.lyger.warm.testapp;

/** Test web application: an application event. */
public record Ping(String from)
{
}
