package io.lyger.warm.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Test web application: an entity of a persistence unit that only persistence.xml declares (no CDI producer). */
@Entity
@Table(name = "note")
@NamedQuery(name = Note.ALL, query = "SELECT n FROM Note n ORDER BY n.id")
public class Note
{
    public static final String ALL = "Note.all";

    @Id
    private int id;

    private String text;

    protected Note()
    {
    }

    public Note(int id, String text)
    {
        this.id = id;
        this.text = text;
    }

    public String getText()
    {
        return text;
    }
}
