package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;
import java.util.Map;

/** Letters, SMS text and weeks of the fieldwork (DESIGN.md §5). */
public record FieldworkSettings(
    String linkTemplate, List<Letter> letters, CollectionWeeks collectionWeeks, Map<Integer, Double> responseArrival,
    String smsText, ExtraSms extraSms) {
  public FieldworkSettings {
    require(linkTemplate.contains("{token}"), "link_template", "a URL containing {token}");
    require(!letters.isEmpty(), "letters", "at least the invitation");
    require(smsText.contains("{link}"), "sms_text", "a text containing {link}");
    letters = List.copyOf(letters);
    require(!responseArrival.isEmpty(), "response_arrival", "a share for at least one week");
    double previous = 0;
    for (var entry : new java.util.TreeMap<>(responseArrival).entrySet()) {
      require(entry.getValue() > 0 && entry.getValue() <= 1 && entry.getValue() >= previous, "response_arrival",
          "shares in (0, 1] that do not fall from week to week, got " + entry.getValue() + " for week " + entry.getKey());
      previous = entry.getValue();
    }
    responseArrival = Map.copyOf(responseArrival);
  }

  /** The share of final responses usually in by the end of {@code week}: 1 after the last week given. */
  public double arrivedBy(int week) {
    double share = 0;
    for (var entry : new java.util.TreeMap<>(responseArrival).entrySet()) {
      if (entry.getKey() <= week) {
        share = entry.getValue();
      }
    }
    int last = java.util.Collections.max(responseArrival.keySet());
    return week >= last ? 1.0 : share;
  }

  /**
   * The seed's "intensified" extra SMS round, for municipalities projected to fall short of the
   * response floor: its own text and the ISO week it is sent; only to sampled persons who have not
   * responded by the time the list is made.
   */
  public record ExtraSms(int sendWeek, String text) {
    public ExtraSms {
      require(sendWeek >= 1 && sendWeek <= 53, "send_week", "an ISO week 1-53, got " + sendWeek);
      require(text.contains("{link}"), "text", "a text containing {link}");
    }
  }

  /** One Digital Post mailing: its name and the ISO week it is sent. */
  public record Letter(String letter, int sendWeek) {
    public Letter {
      require(letter.matches("[a-z0-9_]+"), "letter", "a lower-case name like invitation, got '" + letter + "'");
      require(sendWeek >= 1 && sendWeek <= 53, "send_week", "an ISO week 1-53, got " + sendWeek);
    }
  }

  /** The ISO weeks in which responses are collected. */
  public record CollectionWeeks(int first, int last) {
    public CollectionWeeks {
      require(first >= 1 && first <= 53, "first", "an ISO week 1-53, got " + first);
      require(last >= first && last <= 53, "last", "an ISO week from first (" + first + ") to 53, got " + last);
    }
  }
}
