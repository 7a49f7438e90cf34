package dev.dgmbench.reports.render;

import dev.dgmbench.reports.Reports;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** PNG encoding of images for inline {@code data:} URIs, so report.html needs no other file. */
public final class Png {
    static {
        // Reports are drawn off-screen; never try to reach a display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Png() {
    }

    public static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(encode(image));
    }

    /** Makes sure the headless property is set before any AWT class is touched. */
    public static void init() {
    }
}
