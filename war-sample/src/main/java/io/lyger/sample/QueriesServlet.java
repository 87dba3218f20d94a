package io.lyger.sample;

import java.io.IOException;

import io.lyger.sample.app.WorldService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /queries?n=20}: a JSON array of n random worlds, one query each, n clamped to 1..500. */
public class QueriesServlet extends SampleServlet
{
    @Inject
    WorldService worlds;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        json(response, jsonArray(worlds.randomWorlds(Params.queryCount(request))));
    }
}
