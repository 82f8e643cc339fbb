package dev.backfillstudio.spark;

/** Spark's error messages cut to the sentence a user needs: no plan dump, no SQLSTATE. */
final class SparkErrors {

    private SparkErrors() {
    }

    static String sentence(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getName() : t.getMessage();
        m = m.strip();
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        m = m.replaceAll("\\s*SQLSTATE: \\w+;?", "").replaceAll("^\\[[A-Z_.]+\\]\\s*", "").trim();
        return m.endsWith(".") ? m : m + ".";
    }
}
