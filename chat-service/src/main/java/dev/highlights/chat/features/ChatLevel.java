package dev.highlights.chat.features;

/** Chat activity level of one second, with the reference detector's points (0, 2, 3). */
public enum ChatLevel {
    NONE(0), HIGH(2), EXCEPTIONAL(3);

    private final int points;

    ChatLevel(int points) {
        this.points = points;
    }

    public int points() {
        return points;
    }
}
