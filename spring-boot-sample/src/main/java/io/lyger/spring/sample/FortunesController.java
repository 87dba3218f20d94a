package io.lyger.spring.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /fortunes}: TechEmpower's fortunes (every row, plus one added at request time, sorted by message) as the
 * HTML table of the WAR sample, rendered by the Thymeleaf page {@code templates/fortunes.html}, which escapes every
 * message as the WAR's servlet does.
 */
@Controller
class FortunesController
{
    static final String ADDED_AT_REQUEST_TIME = "Additional fortune added at request time.";

    private final FortuneRepository fortunes;

    FortunesController(FortuneRepository fortunes)
    {
        this.fortunes = fortunes;
    }

    @GetMapping("/fortunes")
    String fortunes(Model model)
    {
        List<Fortune> all = new ArrayList<>(fortunes.findAll());
        all.add(new Fortune(0, ADDED_AT_REQUEST_TIME));
        all.sort(Comparator.comparing(Fortune::getMessage));
        model.addAttribute("fortunes", all);
        return "fortunes";
    }
}
