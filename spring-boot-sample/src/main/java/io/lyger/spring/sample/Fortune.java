package io.lyger.spring.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of TechEmpower's {@code Fortune} table, as in the WAR sample (the same table; see {@link World} for why a copy). */
@Entity
@Table(name = "fortune")
public class Fortune
{
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
