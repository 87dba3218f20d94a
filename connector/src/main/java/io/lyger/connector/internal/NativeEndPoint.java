package io.lyger.connector.internal;

/** (Being written.) */
public class NativeEndPoint
{
}
