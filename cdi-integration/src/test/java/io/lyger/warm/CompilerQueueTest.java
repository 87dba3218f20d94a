package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompilerQueueTest
{
    @Test
    void countsTheRunningAndQueuedCompilationsOfCompilerQueue()
    {
        String busy = """
            Current compiles:\s
            C2 CompilerThread0  1232   !   4       com.sun.tools.javac.jvm.ClassReader::classSigToType (497 bytes)
            C1 CompilerThread0  1431       2       java.lang.Character::isWhitespace (5 bytes)

            C1 compile queue:
            1427       2       jdk.internal.reflect.ReflectionFactory::copyMethod (11 bytes)

            C2 compile queue:
            1231       4       com.sun.tools.javac.code.Scope$ScopeImpl::getIndex (101 bytes)
            """;
        assertEquals(4, CompilerQueue.count(busy));
        String idle = """
            Current compiles:\s

            C1 compile queue:
            Empty

            C2 compile queue:
            Empty
            """;
        assertEquals(0, CompilerQueue.count(idle));
    }

    @Test
    void hotSpotTellsItsQueue() throws Exception
    {
        assertTrue(CompilerQueue.pending() >= 0, "the Compiler.queue diagnostic command answers on HotSpot");
        assertTrue(CompilerQueue.awaitIdle(System.nanoTime() + 5_000_000_000L) >= 0);
    }
}
