package io.lyger.sample.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** TechEmpower's fortunes: every row, plus one added at request time, sorted by message. */
@ApplicationScoped
@Timed
public class FortuneService
{
    public static final String ADDED_AT_REQUEST_TIME = "Additional fortune added at request time.";

    @Inject
    EntityManager entityManager;

    public List<Fortune> fortunes()
    {
        List<Fortune> fortunes = new ArrayList<>(entityManager.createNamedQuery(Fortune.ALL, Fortune.class).getResultList());
        fortunes.add(new Fortune(0, ADDED_AT_REQUEST_TIME));
        fortunes.sort(Comparator.comparing(Fortune::getMessage));
        return fortunes;
    }
}
