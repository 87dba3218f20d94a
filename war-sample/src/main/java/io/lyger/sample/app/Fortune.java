package io.lyger.sample.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of TechEmpower's {@code Fortune} table. */
@Entity
@Table(name = "fortune")
@NamedQuery(name = Fortune.ALL, query = "SELECT f FROM Fortune f")
public class Fortune
{
    public static final String ALL = "Fortune.all";

    @Id
    private int id;

    @Column(nullable = false, length = 2048)
    private String message;

    protected Fortune()
    {
    }

    public Fortune(int id, String message)
    {
        this.id = id;
        this.message = message;
    }

    public int getId()
    {
        return id;
    }

    public String getMessage()
    {
        return message;
    }
}
