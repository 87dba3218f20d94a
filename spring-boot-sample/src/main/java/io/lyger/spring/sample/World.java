package io.lyger.spring.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of TechEmpower's {@code World} table, as in the WAR sample: an id from 1 to 10,000 and a random number from 1
 * to 10,000. Serialized by Jackson as {@code {"id":1,"randomNumber":42}}, the WAR sample's JSON. The application's own
 * entity rather than the WAR sample's class: a Spring application does not take its model from a WAR (whose classes
 * jar also carries the EclipseLink persistence.xml Spring's JPA set-up would read).
 */
@Entity
@Table(name = "world")
public class World
{
    /** Rows in the table, and the upper bound of ids and random numbers. */
    public static final int ROWS = 10_000;

    @Id
    private int id;

    @Column(name = "randomnumber", nullable = false)
    private int randomNumber;

    protected World()
    {
    }

    public World(int id, int randomNumber)
    {
        this.id = id;
        this.randomNumber = randomNumber;
    }

    public int getId()
    {
        return id;
    }

    public int getRandomNumber()
    {
        return randomNumber;
    }
}
