package io.lyger.sample;

import java.io.IOException;

import io.lyger.sample.app.WorldService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /db}: one random {@code World} row as JSON (TechEmpower's single-query test). */
public class DbServlet extends SampleServlet
{
    @Inject
    WorldService worlds;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        json(response, worlds.randomWorld().toJson());
    }
}
