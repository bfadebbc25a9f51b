package dev.highlights.samples;

import java.util.SplittableRandom;

/**
 * Paints the sample's frames straight into reused YUV 4:2:0 planes (BT.601 limited range), a pure function of the
 * spec and the frame index. Cheap by construction: each scene's background is a precomputed periodic texture copied
 * row by row at a moving offset, with a few flat shapes drawn on top.
 *
 * <ul>
 *   <li>calm and quiet: blue texture drifting about 20 px/s plus three slow discs (grey-level motion of a few units
 *       between samples a quarter second apart: clearly not a static screen, far below a hype)</li>
 *   <li>hype: a hard cut to a warm, high-contrast texture racing at about 280 px/s, palettes swapping every 0.4 s,
 *       eight fast shapes and a white flash every 10 frames</li>
 *   <li>loud-and-busy decoy: green texture racing the other way, six fast shapes, yellow flashes every 15 frames</li>
 *   <li>static screen: one frozen "BE RIGHT BACK" frame, identical bytes every frame</li>
 *   <li>tense clutch: a hard cut to a dark scene panning fast and whipping between a red and a teal view every
 *       0.3 s, with four fast shapes, no flashes</li>
 *   <li>camera shake: the calm scene jolted by up to 64 px every frame (half the texture period)</li>
 *   <li>flashes: the calm scene with white and orange full-frame flashes, 0.1 s every 0.6 s</li>
 *   <li>menu screens: a hard cut to flat menus, the tab (layout and accent colour) switching every 1.5 s and the
 *       selection moving every 0.4 s, each selected item showing its own preview picture</li>
 * </ul>
 * Flashes, shake and menus follow media time, not frame numbers, so they look alike at any frame rate.
 */
final class SamplePicture {

    private static final int P = 128; // texture period, pixels (even)

    private final SampleSpec spec;
    final int w;
    final int h;
    final byte[] y;
    final byte[] u;
    final byte[] v;
    private final double scale; // speeds and sizes relative to 640 px wide
    private final Texture calm;
    private final Texture hypeA;
    private final Texture hypeB;
    private final Texture loud;
    private final byte[] brbY;
    private final byte[] brbU;
    private final byte[] brbV;
    private final Shape[] calmShapes;
    private final Shape[] hypeShapes;
    private final Shape[] loudShapes;
    private final Texture clutch;
    private final Texture clutchLit;
    private final Shape[] clutchShapes;
    private final PlantedMoment[] momentAt;

    private record Texture(int tw, int th, byte[] y, byte[] u, byte[] v) {
    }

    /** A flat shape bouncing inside the frame; position is a function of time only. */
    private record Shape(boolean disc, double x0, double y0, double vx, double vy, int size, int cy, int cu, int cv) {
    }

    SamplePicture(SampleSpec spec) {
        this.spec = spec;
        this.w = spec.width();
        this.h = spec.height();
        this.y = new byte[w * h];
        this.u = new byte[(w / 2) * (h / 2)];
        this.v = new byte[(w / 2) * (h / 2)];
        this.scale = w / 640.0;
        SplittableRandom rnd = new SplittableRandom(spec.seed() * 31 + 0x51DEL);
        calm = texture(new int[] {40, 70, 120}, new int[] {95, 145, 195}, 1);
        hypeA = texture(new int[] {170, 20, 10}, new int[] {255, 190, 40}, 2);
        hypeB = texture(new int[] {120, 0, 120}, new int[] {255, 240, 90}, 2);
        loud = texture(new int[] {0, 70, 30}, new int[] {150, 255, 120}, 3);
        calmShapes = shapes(rnd, 3, 35, 60, 0.22, 0.30, new int[][] {{230, 200, 120}, {200, 120, 140}, {150, 210, 160}});
        hypeShapes = shapes(rnd, 8, 450, 900, 0.08, 0.16, new int[][] {{255, 255, 255}, {0, 0, 0}, {0, 255, 255},
            {255, 0, 255}, {255, 255, 0}, {20, 20, 200}, {255, 255, 255}, {0, 0, 0}});
        loudShapes = shapes(rnd, 6, 400, 800, 0.08, 0.14, new int[][] {{255, 255, 255}, {0, 0, 0}, {255, 60, 0},
            {0, 0, 0}, {240, 240, 240}, {60, 0, 90}});
        clutch = texture(new int[] {8, 6, 22}, new int[] {190, 35, 30}, 2);
        clutchLit = texture(new int[] {10, 40, 50}, new int[] {120, 230, 220}, 3);
        clutchShapes = shapes(rnd, 4, 350, 650, 0.10, 0.18, new int[][] {{240, 240, 240}, {0, 0, 0}, {255, 200, 0},
            {30, 30, 30}});
        momentAt = spec.momentsBySecond();
        brbY = new byte[w * h];
        brbU = new byte[u.length];
        brbV = new byte[v.length];
        paintBrb();
    }

    /** Fills {@link #y}, {@link #u}, {@link #v} with frame {@code index}. */
    void render(long index) {
        double t = index / (double) spec.fps();
        int second = (int) Math.floor(t);
        PlantedMoment m = second < momentAt.length ? momentAt[second] : null;
        MomentKind.Scene scene = m == null ? MomentKind.Scene.CALM : m.kind().scene();
        double local = m == null ? 0 : t - m.startSec();
        switch (scene) {
            case STATIC -> {
                System.arraycopy(brbY, 0, y, 0, y.length);
                System.arraycopy(brbU, 0, u, 0, u.length);
                System.arraycopy(brbV, 0, v, 0, v.length);
            }
            case HYPE -> {
                long f = index - (long) m.startSec() * spec.fps();
                if (f % 10 == 3) {
                    fill(235, 128, 128); // white flash
                    return;
                }
                Texture tex = ((int) (local / 0.4)) % 2 == 0 ? hypeA : hypeB;
                background(tex, 240 * t, -150 * t);
                drawShapes(hypeShapes, t);
            }
            case ACTION -> {
                long f = index - (long) m.startSec() * spec.fps();
                if (f % 15 == 5) {
                    fill(210, 40, 150); // yellow muzzle flash
                    return;
                }
                background(loud, -220 * t, 170 * t);
                drawShapes(loudShapes, t);
            }
            case CLUTCH -> {
                // the camera whips between two dark, lit views every 0.3 s while it pans
                Texture tex = ((int) (local / 0.3)) % 2 == 0 ? clutch : clutchLit;
                background(tex, -260 * t, 240 * Math.sin(2 * Math.PI * 0.3 * t));
                drawShapes(clutchShapes, t);
            }
            case SHAKE -> {
                // an independent jolt every frame: frames a fraction of a second apart never line up
                double dx = 128 * (unit(index, 1) - 0.5);
                double dy = 96 * (unit(index, 2) - 0.5);
                background(calm, 18 * t + dx, 11 * t + dy);
                drawShapes(calmShapes, t + dx / 400);
            }
            case FLASHES -> {
                int tenth = (int) Math.floor(local * 10);
                if (tenth % 6 == 0) {
                    if ((tenth / 6) % 3 == 2) {
                        fill(170, 60, 190); // orange explosion
                    } else {
                        fill(235, 128, 128); // white flash
                    }
                    return;
                }
                background(calm, 18 * t, 11 * t);
                drawShapes(calmShapes, t);
            }
            case MENUS -> menu(local);
            default -> {
                background(calm, 18 * t, 11 * t);
                drawShapes(calmShapes, t);
            }
        }
    }

    /** A number in [0, 1) from a frame index and a stream number, the same on every run. */
    private static double unit(long index, int stream) {
        long x = (index + 1) * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 31)) * 0x94D049BB133111EBL;
        return ((x ^ (x >>> 29)) >>> 11) / (double) (1L << 53);
    }

    /**
     * A game menu: title bar in the tab's accent colour, a column of buttons with one selected, and a preview of the
     * selected item (a piece of another scene) that changes with each selection.
     */
    private void menu(double local) {
        int tab = (int) (local / 1.5);
        int[][] accents = {{40, 120, 220}, {220, 140, 30}, {60, 180, 90}, {180, 50, 160}};
        int[] accent = accents[tab % accents.length];
        fill(lumaOf(22, 24, 34), cbOf(22, 24, 34), crOf(22, 24, 34));
        int bar = h / 8;
        rect(0, 0, w, bar, lumaOf(accent[0], accent[1], accent[2]), cbOf(accent[0], accent[1], accent[2]),
                crOf(accent[0], accent[1], accent[2]));
        int buttons = 4 + tab % 3;
        int selected = (int) (local / 0.4) % buttons;
        int bh = (h - 2 * bar) / (buttons * 2);
        int left = w / 16 + (tab % 2) * w / 24;
        for (int b = 0; b < buttons; b++) {
            int top = bar + bh + 2 * b * bh;
            int grey = b == selected ? 230 : 70;
            rect(left, top, left + w / 3, top + bh, lumaOf(grey, grey, grey), 128, 128);
        }
        int px = (w / 2 + (tab % 2) * w / 20) & ~1;
        Texture[] previews = {hypeA, loud, clutchLit, hypeB};
        int item = tab * 7 + selected;
        blit(previews[item % previews.length], px, (bar * 2) & ~1, (w - w / 16) & ~1, (h - bar) & ~1,
                2 * ((item * 37) % (P / 2)), 2 * ((item * 23) % (P / 2)));
    }

    /** Copies the texture from offset (ox, oy) into the frame rectangle [x0, x1) x [y0, y1); all even. */
    private void blit(Texture tex, int x0, int y0, int x1, int y1, int ox, int oy) {
        for (int r = y0; r < y1; r++) {
            System.arraycopy(tex.y, (r + oy) * tex.tw + ox + x0, y, r * w + x0, x1 - x0);
        }
        int cw = w / 2;
        int ctw = tex.tw / 2;
        for (int r = y0 / 2; r < y1 / 2; r++) {
            int src = (r + oy / 2) * ctw + (ox + x0) / 2;
            System.arraycopy(tex.u, src, u, r * cw + x0 / 2, (x1 - x0) / 2);
            System.arraycopy(tex.v, src, v, r * cw + x0 / 2, (x1 - x0) / 2);
        }
    }

    private void fill(int yy, int uu, int vv) {
        java.util.Arrays.fill(y, (byte) yy);
        java.util.Arrays.fill(u, (byte) uu);
        java.util.Arrays.fill(v, (byte) vv);
    }

    private void background(Texture tex, double dxPx, double dyPx) {
        int ox = 2 * Math.floorMod((long) Math.floor(dxPx * scale / 2), P / 2);
        int oy = 2 * Math.floorMod((long) Math.floor(dyPx * scale / 2), P / 2);
        for (int r = 0; r < h; r++) {
            System.arraycopy(tex.y, (r + oy) * tex.tw + ox, y, r * w, w);
        }
        int cw = w / 2;
        int ctw = tex.tw / 2;
        for (int r = 0; r < h / 2; r++) {
            int src = (r + oy / 2) * ctw + ox / 2;
            System.arraycopy(tex.u, src, u, r * cw, cw);
            System.arraycopy(tex.v, src, v, r * cw, cw);
        }
    }

    private Texture texture(int[] c1, int[] c2, int pattern) {
        int tw = w + P;
        int th = h + P;
        byte[] ty = new byte[tw * th];
        byte[] tu = new byte[(tw / 2) * (th / 2)];
        byte[] tv = new byte[(tw / 2) * (th / 2)];
        double k = 2 * Math.PI / P;
        for (int yy = 0; yy < th; yy++) {
            for (int xx = 0; xx < tw; xx++) {
                double f = switch (pattern) {
                    case 1 -> 0.55 * Math.sin(k * xx) * Math.cos(k * yy) + 0.45 * Math.sin(k * (xx + 2 * yy));
                    case 2 -> 0.7 * Math.sin(2 * k * xx) * Math.sin(2 * k * yy) + 0.3 * Math.sin(k * (3 * xx + yy));
                    default -> 0.6 * Math.sin(3 * k * xx + Math.sin(k * yy) * 2) + 0.4 * Math.cos(2 * k * yy);
                };
                double a = Math.max(0, Math.min(1, (f + 1) / 2));
                double r = c1[0] + a * (c2[0] - c1[0]);
                double g = c1[1] + a * (c2[1] - c1[1]);
                double b = c1[2] + a * (c2[2] - c1[2]);
                ty[yy * tw + xx] = (byte) lumaOf(r, g, b);
                if (yy % 2 == 0 && xx % 2 == 0) {
                    int ci = (yy / 2) * (tw / 2) + xx / 2;
                    tu[ci] = (byte) cbOf(r, g, b);
                    tv[ci] = (byte) crOf(r, g, b);
                }
            }
        }
        return new Texture(tw, th, ty, tu, tv);
    }

    private Shape[] shapes(SplittableRandom rnd, int n, double minSpeed, double maxSpeed, double minSize,
                           double maxSize, int[][] colors) {
        Shape[] out = new Shape[n];
        for (int i = 0; i < n; i++) {
            double speed = (minSpeed + rnd.nextDouble() * (maxSpeed - minSpeed)) * scale;
            double angle = rnd.nextDouble() * 2 * Math.PI;
            int size = (int) Math.round(h * (minSize + rnd.nextDouble() * (maxSize - minSize)));
            int[] c = colors[i % colors.length];
            out[i] = new Shape(i % 2 == 0, rnd.nextDouble() * w, rnd.nextDouble() * h, speed * Math.cos(angle),
                    speed * Math.sin(angle), Math.max(4, size), lumaOf(c[0], c[1], c[2]), cbOf(c[0], c[1], c[2]),
                    crOf(c[0], c[1], c[2]));
        }
        return out;
    }

    private void drawShapes(Shape[] shapes, double t) {
        for (Shape s : shapes) {
            int cx = (int) bounce(s.x0 + s.vx * t, w);
            int cy = (int) bounce(s.y0 + s.vy * t, h);
            int r = s.size / 2;
            if (s.disc) {
                disc(cx, cy, r, s.cy, s.cu, s.cv);
            } else {
                rect(cx - r, cy - r, cx + r, cy + r, s.cy, s.cu, s.cv);
            }
        }
    }

    /** Triangle wave: position bouncing between 0 and len. */
    private static double bounce(double p, double len) {
        double m = Math.floorMod((long) Math.floor(p), (long) (2 * len)) + (p - Math.floor(p));
        return m <= len ? m : 2 * len - m;
    }

    private void rect(int x0, int y0, int x1, int y1, int cy, int cu, int cv) {
        x0 = Math.max(0, x0) & ~1;
        y0 = Math.max(0, y0) & ~1;
        x1 = Math.min(w, x1);
        y1 = Math.min(h, y1);
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        for (int r = y0; r < y1; r++) {
            java.util.Arrays.fill(y, r * w + x0, r * w + x1, (byte) cy);
        }
        int cw = w / 2;
        for (int r = y0 / 2; r < (y1 + 1) / 2; r++) {
            java.util.Arrays.fill(u, r * cw + x0 / 2, r * cw + (x1 + 1) / 2, (byte) cu);
            java.util.Arrays.fill(v, r * cw + x0 / 2, r * cw + (x1 + 1) / 2, (byte) cv);
        }
    }

    private void disc(int cx, int cy, int r, int yy, int uu, int vv) {
        int cw = w / 2;
        for (int row = Math.max(0, cy - r); row < Math.min(h, cy + r + 1); row++) {
            int d = row - cy;
            int half = (int) Math.sqrt((double) r * r - (double) d * d);
            int x0 = Math.max(0, cx - half);
            int x1 = Math.min(w, cx + half + 1);
            if (x1 > x0) {
                java.util.Arrays.fill(y, row * w + x0, row * w + x1, (byte) yy);
                if (row % 2 == 0) {
                    int cr = row / 2;
                    java.util.Arrays.fill(u, cr * cw + x0 / 2, cr * cw + Math.min(cw, (x1 + 1) / 2), (byte) uu);
                    java.util.Arrays.fill(v, cr * cw + x0 / 2, cr * cw + Math.min(cw, (x1 + 1) / 2), (byte) vv);
                }
            }
        }
    }

    private void paintBrb() {
        // Vertical purple gradient with "BE RIGHT BACK" in white block letters.
        for (int r = 0; r < h; r++) {
            double a = r / (double) (h - 1);
            int cy = lumaOf(60 + 40 * a, 20 + 10 * a, 90 + 50 * a);
            java.util.Arrays.fill(brbY, r * w, (r + 1) * w, (byte) cy);
            if (r % 2 == 0) {
                int cw = w / 2;
                java.util.Arrays.fill(brbU, (r / 2) * cw, (r / 2 + 1) * cw, (byte) cbOf(60 + 40 * a, 20 + 10 * a, 90 + 50 * a));
                java.util.Arrays.fill(brbV, (r / 2) * cw, (r / 2 + 1) * cw, (byte) crOf(60 + 40 * a, 20 + 10 * a, 90 + 50 * a));
            }
        }
        String text = "BE RIGHT BACK";
        int cell = Math.max(1, (int) (w * 0.9 / (text.length() * 6)));
        int textW = text.length() * 6 * cell - cell;
        int x = (w - textW) / 2;
        int top = (h - 7 * cell) / 2;
        for (int i = 0; i < text.length(); i++) {
            String[] g = Glyphs.of(text.charAt(i));
            for (int gr = 0; gr < 7; gr++) {
                for (int gc = 0; gc < 5; gc++) {
                    if (g[gr].charAt(gc) == '#') {
                        int px = x + (i * 6 + gc) * cell;
                        int py = top + gr * cell;
                        for (int rr = py; rr < py + cell && rr < h; rr++) {
                            java.util.Arrays.fill(brbY, rr * w + px, Math.min((rr + 1) * w, rr * w + px + cell), (byte) 235);
                        }
                        for (int rr = py / 2; rr < (py + cell) / 2 && rr < h / 2; rr++) {
                            int cw = w / 2;
                            java.util.Arrays.fill(brbU, rr * cw + px / 2, Math.min((rr + 1) * cw, rr * cw + (px + cell) / 2), (byte) 128);
                            java.util.Arrays.fill(brbV, rr * cw + px / 2, Math.min((rr + 1) * cw, rr * cw + (px + cell) / 2), (byte) 128);
                        }
                    }
                }
            }
        }
    }

    static int lumaOf(double r, double g, double b) {
        return clamp((int) Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0), 16, 235);
    }

    static int cbOf(double r, double g, double b) {
        return clamp((int) Math.round(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255.0), 16, 240);
    }

    static int crOf(double r, double g, double b) {
        return clamp((int) Math.round(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255.0), 16, 240);
    }

    private static int clamp(int x, int lo, int hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    /** A 5x7 block font for the few letters the static screen needs. */
    static final class Glyphs {
        private Glyphs() {
        }

        static String[] of(char c) {
            return switch (c) {
                case 'A' -> new String[] {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"};
                case 'B' -> new String[] {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."};
                case 'C' -> new String[] {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."};
                case 'E' -> new String[] {"#####", "#....", "#....", "####.", "#....", "#....", "#####"};
                case 'G' -> new String[] {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".###."};
                case 'H' -> new String[] {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"};
                case 'I' -> new String[] {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."};
                case 'K' -> new String[] {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"};
                case 'R' -> new String[] {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"};
                case 'T' -> new String[] {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."};
                default -> new String[] {".....", ".....", ".....", ".....", ".....", ".....", "....."};
            };
        }
    }
}
