package io.lyger.bench;

import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native JVMTI agent into a running JVM with an option string: {@code bench/profile} drives async-profiler
 * this way ({@code start,...} then {@code stop,...}). {@code jcmd PID JVMTI.agent_load} cannot: its argument parser
 * cuts the option string at commas. Runs as a single-file program ({@code java AgentLoad.java PID LIB OPTIONS}).
 */
public final class AgentLoad
{
    private AgentLoad()
    {
    }

    public static void main(String[] args) throws Exception
    {
        if (args.length != 3)
        {
            System.err.println("usage: java AgentLoad.java PID AGENT_LIBRARY OPTIONS");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try
        {
            vm.loadAgentPath(args[1], args[2]);
        }
        finally
        {
            vm.detach();
        }
    }
}
