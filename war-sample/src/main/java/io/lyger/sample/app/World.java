package io.lyger.sample.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of TechEmpower's {@code World} table: an id from 1 to 10,000 and a random number from 1 to 10,000. */
@Entity
@Table(name = "world")
@NamedQuery(name = World.COUNT, query = "SELECT COUNT(w) FROM World w")
public class World
{
    public static final String COUNT = "World.count";
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

    public void setRandomNumber(int randomNumber)
    {
        this.randomNumber = randomNumber;
    }

    /** @return {@code {"id":1,"randomNumber":42}} */
    public String toJson()
    {
        return "{\"id\":" + id + ",\"randomNumber\":" + randomNumber + "}";
    }
}
