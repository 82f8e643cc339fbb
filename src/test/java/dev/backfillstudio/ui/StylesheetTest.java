package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

class StylesheetTest {

    @Test
    void theOneStylesheetParsesWithoutErrors() throws Exception {
        CssParser.errorsProperty().clear();
        var sheet = new CssParser().parse(BackfillStudioApp.class.getResource("app.css"));
        assertThat(CssParser.errorsProperty()).as("CSS errors").isEmpty();
        assertThat(sheet.getRules()).hasSizeGreaterThan(100);
    }
}
