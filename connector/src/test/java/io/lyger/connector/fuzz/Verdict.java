package io.lyger.connector.fuzz;

/**
 * What one parser makes of one message of an input: accepted with the offset where it ends, rejected with a
 * status (and, from Jetty, its reason), or cut short by the end of the input.
 *
 * @param kind what happened to the message
 * @param status the rejecting status, 0 otherwise
 * @param end the offset just after an accepted message, -1 otherwise
 * @param keepAlive whether the connection goes on after an accepted message
 * @param inBody whether a rejection or a cut came after the head, in the body
 * @param reason Jetty's reason for a rejection, null for the engine (which gives none)
 */
record Verdict(Kind kind, int status, int end, boolean keepAlive, boolean inBody, String reason)
{
    enum Kind
    {
        ACCEPTED, REJECTED, INCOMPLETE
    }

    static Verdict accepted(int end, boolean keepAlive)
    {
        return new Verdict(Kind.ACCEPTED, 0, end, keepAlive, false, null);
    }

    static Verdict rejected(int status, boolean inBody, String reason)
    {
        return new Verdict(Kind.REJECTED, status, -1, false, inBody, reason);
    }

    static Verdict incomplete(boolean inBody)
    {
        return new Verdict(Kind.INCOMPLETE, 0, -1, false, inBody, null);
    }

    /** Same outcome for the comparison: kind and, for an accepted message, where it ends and whether the connection goes on. */
    boolean agrees(Verdict other)
    {
        if (kind != other.kind)
            return false;
        return kind != Kind.ACCEPTED || end == other.end && keepAlive == other.keepAlive;
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case ACCEPTED -> "accepted, ends at " + end + (keepAlive ? "" : ", then close");
            case REJECTED -> "rejected " + status + (inBody ? " in the body" : "") + (reason == null ? "" : " (" + reason + ")");
            case INCOMPLETE -> "incomplete" + (inBody ? " body" : " head");
        };
    }
}
