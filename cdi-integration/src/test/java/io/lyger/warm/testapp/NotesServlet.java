package io.lyger.warm.testapp;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test web application: looks at the H2 database over plain JDBC before the application touches JPA (does the
 * {@code note} table exist, how many sessions are open), then does what such an application does: creates its own
 * factory with {@code Persistence.createEntityManagerFactory("notes")}, runs a named query, closes the factory, and
 * counts the sessions again.
 */
public class NotesServlet extends HttpServlet
{
    public static final String URL = "jdbc:h2:mem:notes;DB_CLOSE_DELAY=-1";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        StringBuilder text = new StringBuilder();
        try
        {
            Class.forName("org.h2.Driver"); // registers it with DriverManager for this web application
        }
        catch (ClassNotFoundException x)
        {
            throw new IOException(x);
        }
        try (Connection connection = DriverManager.getConnection(URL, "sa", ""))
        {
            text.append("table=").append(count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'NOTE'") == 1).append('\n');
            long before = count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS");
            EntityManagerFactory factory = Persistence.createEntityManagerFactory("notes");
            try
            {
                EntityManager entityManager = factory.createEntityManager();
                try
                {
                    text.append("notes=").append(entityManager.createNamedQuery(Note.ALL, Note.class).getResultList().size()).append('\n');
                }
                finally
                {
                    entityManager.close();
                }
                long after = count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS");
                // sessions other than this servlet's own connection
                text.append("sessionsBefore=").append(before - 1).append('\n').append("sessionsAfter=").append(after - 1).append('\n');
            }
            finally
            {
                factory.close();
            }
        }
        catch (SQLException x)
        {
            throw new IOException(x);
        }
        response.setContentType("text/plain");
        response.getWriter().print(text);
    }

    private static long count(Connection connection, String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql))
        {
            rows.next();
            return rows.getLong(1);
        }
    }
}
