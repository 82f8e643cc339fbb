package dev.backfillstudio.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The app's two looks, AtlantaFX's Primer light and dark; app.css takes its colours from the theme's variables. */
public enum Theme {
    LIGHT,
    DARK;

    /**
     * Makes this the look of every window, open and to come. The theme's compiled form (.bss) is read
     * instead of its 170 KB of CSS text, whose parse was the largest part of drawing the first frame.
     */
    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
    }

    /** The theme named in preferences; anything unknown is the light one. */
    public static Theme parse(String name) {
        return "DARK".equals(name) ? DARK : LIGHT;
    }
}
