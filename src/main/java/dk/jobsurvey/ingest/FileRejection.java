package dk.jobsurvey.ingest;

/** A file that could not be read at all: the whole file is rejected, the others go on. */
public record FileRejection(String file, String problem) {
  @Override
  public String toString() {
    return file + ": " + problem;
  }
}
