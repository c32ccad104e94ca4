package dk.jobsurvey.ingest;

import dk.jobsurvey.warehouse.IdentifierPatterns;

/**
 * A file that could not be read at all: the whole file is rejected, the others go on. The name and
 * the problem come partly from the input (a file name, its headers), so anything in them that looks
 * like a CPR or phone number is masked before the rejection is printed or stored.
 */
public record FileRejection(String file, String problem) {
  public FileRejection {
    file = IdentifierPatterns.mask(file);
    problem = IdentifierPatterns.mask(problem);
  }

  @Override
  public String toString() {
    return file + ": " + problem;
  }
}
