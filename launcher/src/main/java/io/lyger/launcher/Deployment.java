package io.lyger.launcher;

import java.nio.file.Path;

/**
 * One web application of a {@link LygerServer}: a WAR file or an exploded WAR directory, and the context path it
 * is served at.
 */
public record Deployment(Path war, String contextPath)
{
    /**
     * @return {@code contextPath} in Jetty's form: {@code "/"} for the root, otherwise a leading slash and no trailing
     * one ({@code "app/"} becomes {@code "/app"}).
     * @throws IllegalArgumentException if it contains characters that cannot be in a context path
     */
    public static String normalizeContextPath(String contextPath)
    {
        String path = contextPath == null ? "" : contextPath.trim();
        while (path.endsWith("/"))
            path = path.substring(0, path.length() - 1);
        if (!path.startsWith("/"))
            path = "/" + path;
        for (char c : path.toCharArray())
        {
            if (c <= ' ' || c == '?' || c == '#' || c == ';' || c == '%' || c == '\\' || c == 0x7f)
                throw new IllegalArgumentException("invalid context path '" + contextPath + "'");
        }
        if (path.contains("//"))
            throw new IllegalArgumentException("invalid context path '" + contextPath + "'");
        return path;
    }

    /**
     * @return the context path a WAR is served at when none is given and several WARs share a server: its file name
     * without {@code .war}, with {@code ROOT} (as in Tomcat and Jetty's deployer) meaning {@code "/"}.
     */
    public static String defaultContextPath(Path war)
    {
        Path fileName = war.toAbsolutePath().normalize().getFileName();
        String name = fileName == null ? "" : fileName.toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".war"))
            name = name.substring(0, name.length() - 4);
        if (name.isEmpty() || name.equals("ROOT"))
            return "/";
        return normalizeContextPath(name);
    }
}
