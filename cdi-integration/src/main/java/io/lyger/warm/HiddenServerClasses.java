package io.lyger.warm;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * Hides Lyger's classes and JNA's, which are on the server's class path, from web applications, as Jetty hides its
 * own ({@code org.eclipse.jetty.}): a web application's {@code Class.forName} does not find them in the server, and a
 * web application that brings its own JNA (or a class of the same name) in {@code WEB-INF} gets its own. Classes
 * Lyger puts on a web application's own class path (the CDI agent, see {@link AgentClasspath}) are loaded by the web
 * application's class loader, so they are not affected.
 */
final class HiddenServerClasses
{
    static final String[] PACKAGES = {"io.lyger.", "com.sun.jna."};

    private HiddenServerClasses()
    {
    }

    static void hide(WebAppContext webApp)
    {
        webApp.addHiddenClassMatcher(new ClassMatcher(PACKAGES));
    }
}
