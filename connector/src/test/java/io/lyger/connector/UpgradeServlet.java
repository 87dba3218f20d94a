package io.lyger.connector;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /upgrade}: with {@code Upgrade: echo}, switches the connection to {@link EchoUpgradeHandler}
 * ({@code ?key=} names its event log, {@code ?greeting=} makes it write first); otherwise answers 200 normally.
 */
public class UpgradeServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
    {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.toLowerCase().contains("echo"))
        {
            response.getWriter().print("no upgrade");
            return;
        }
        EchoUpgradeHandler echo = request.upgrade(EchoUpgradeHandler.class);
        echo.key = request.getParameter("key");
        echo.greeting = request.getParameter("greeting");
        response.setHeader("X-Upgraded-By", "servlet");
    }
}
