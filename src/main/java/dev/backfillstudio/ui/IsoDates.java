package dev.backfillstudio.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javafx.scene.control.DatePicker;
import javafx.util.StringConverter;

/**
 * One date format in the whole app, ISO (2024-10-31), whatever the machine's locale: date pickers
 * show and accept it, and text that is not a date leaves the picker's value as it was.
 */
public final class IsoDates {

    private IsoDates() {
    }

    /** The converter every date picker uses; text that is not a date gives {@code fallback}'s answer. */
    public static StringConverter<LocalDate> converter(java.util.function.Supplier<LocalDate> fallback) {
        return new StringConverter<>() {
            @Override
            public String toString(LocalDate day) {
                return day == null ? "" : day.toString();
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    return null;
                }
                try {
                    return LocalDate.parse(text.strip());
                } catch (DateTimeParseException e) {
                    // A typo keeps the day shown before it (the editor goes back to it), not an exception.
                    return fallback.get();
                }
            }
        };
    }

    /** Makes the picker show and read ISO dates, with a prompt saying so. */
    public static DatePicker apply(DatePicker picker) {
        picker.setConverter(converter(picker::getValue));
        if (picker.getPromptText() == null || picker.getPromptText().isBlank()) {
            picker.setPromptText("YYYY-MM-DD");
        }
        return picker;
    }
}
