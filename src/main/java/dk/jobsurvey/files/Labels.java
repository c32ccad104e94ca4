package dk.jobsurvey.files;

import java.util.Locale;

/**
 * Folds a header or benefit label to the form used for matching: lower case, æ/ø/å as ae/oe/aa,
 * punctuation and commas as spaces, runs of spaces as one. "Kontanthjælp, jobparat" and
 * "kontanthjaelp - JOBPARAT" both fold to "kontanthjaelp jobparat".
 */
public final class Labels {
  private Labels() {}

  public static String fold(String label) {
    if (label == null) {
      return "";
    }
    String lower = label.replace("\uFEFF", "").toLowerCase(Locale.ROOT)
        .replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        .replace("ä", "ae").replace("ö", "oe").replace("é", "e").replace("ü", "ue");
    StringBuilder folded = new StringBuilder(lower.length());
    boolean space = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (space && folded.length() > 0) {
          folded.append(' ');
        }
        folded.append(c);
        space = false;
      } else {
        space = true;
      }
    }
    return folded.toString();
  }
}
