package io.lyger.launcher.testwar;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Part of the test WARs (SecureWars): the JNDI names a WAR sees, through a {@code resource-ref} looked up in
 * {@code java:comp/env}, {@code env-entry}s, and {@code @Resource} injection; counts its visits in the DataSource.
 */
public class JndiServlet extends HttpServlet
{
    @Resource(name = "jdbc/mydatasource")
    private DataSource injected;

    @Resource(name = "greeting")
    private String greeting;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
    {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        try
        {
            InitialContext context = new InitialContext();
            DataSource looked = (DataSource)context.lookup("java:comp/env/jdbc/mydatasource");
            out.println("visits=" + visit(looked));
            out.println("same=" + (looked == injected));
            out.println("greeting=" + greeting);
            out.println("motto=" + context.lookup("java:comp/env/motto"));
            out.println("tagline=" + context.lookup("java:comp/env/tagline"));
            Object limit = context.lookup("java:comp/env/limit");
            out.println("limit=" + limit + " (" + limit.getClass().getSimpleName() + ")");
        }
        catch (NamingException | SQLException x)
        {
            throw new ServletException(x);
        }
    }

    /** @return how many visits the table holds once this one is recorded: a real insert and query through the pool. */
    private static int visit(DataSource dataSource) throws SQLException
    {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE IF NOT EXISTS visits (id INT AUTO_INCREMENT PRIMARY KEY, at TIMESTAMP)");
            statement.executeUpdate("INSERT INTO visits (at) VALUES (CURRENT_TIMESTAMP)");
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM visits"))
            {
                count.next();
                return count.getInt(1);
            }
        }
    }
}
