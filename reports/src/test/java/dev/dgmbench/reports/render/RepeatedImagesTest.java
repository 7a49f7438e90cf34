package dev.dgmbench.reports.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RepeatedImagesTest {
    static final String A = "data:image/png;base64,QUFB", B = "data:image/png;base64,QkJC";

    static String img(String src, String alt) {
        return "<img src=\"" + src + "\" alt=\"" + alt + "\">";
    }

    @Test
    void aRepeatedImageIsKeptOnceAndLaterOnesLinkToIt() {
        String html = "<p>" + img(A, "nll") + "</p><p>" + img(B, "kl") + "</p><p>" + img(A, "nll again") + "</p>"
                + img(A, "nll thrice");
        String expected = "<p><img id=\"image-1\" src=\"" + A + "\" alt=\"nll\"></p><p>" + img(B, "kl") + "</p>"
                + "<p><a class=\"image-ref\" href=\"#image-1\">nll again: the same picture as above</a></p>"
                + "<a class=\"image-ref\" href=\"#image-1\">nll thrice: the same picture as above</a>";
        assertEquals(expected, RepeatedImages.linkRepeats(html));
    }

    @Test
    void aPageWithoutRepeatsIsUnchanged() {
        String html = "<html>" + img(A, "a") + img(B, "b") + "<img src=\"x.png\" alt=\"file\"></html>";
        assertEquals(html, RepeatedImages.linkRepeats(html));
    }
}
