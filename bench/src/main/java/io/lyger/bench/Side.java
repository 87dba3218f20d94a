package io.lyger.bench;

/** The two servers compared: A is Lyger's native connector, B is Jetty's ServerConnector. */
public enum Side
{
    NATIVE("native"),
    JETTY("jetty");

    private final String option;

    Side(String option)
    {
        this.option = option;
    }

    /** @return the value of the launcher's {@code --connector=} option for this side. */
    public String option()
    {
        return option;
    }
}
