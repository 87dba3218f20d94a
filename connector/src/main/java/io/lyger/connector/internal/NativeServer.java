package io.lyger.connector.internal;

import java.io.IOException;

import io.lyger.connector.LygerConnector;

/** The native engine behind one LygerConnector: start, poll loop, stop. (Being written.) */
public class NativeServer
{
    private final LygerConnector connector;

    public NativeServer(LygerConnector connector)
    {
        this.connector = connector;
    }

    public void open() throws IOException
    {
        throw new IOException("native server not implemented yet");
    }

    public void start()
    {
    }

    public void stopAccepting()
    {
    }

    public void stop()
    {
    }

    public int getLocalPort()
    {
        return -1;
    }
}
