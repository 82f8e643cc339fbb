package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.BackfillException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parsing of single-day options, with the option named in the sentence. */
final class DayOptions {

    private DayOptions() {
    }

    static LocalDate day(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // falls through to the sentence below
        }
        throw BackfillException.badInput(option + " \"" + text + "\" is not a day (YYYY-MM-DD).");
    }
}
