package dk.jobsurvey.files;

import dk.jobsurvey.warehouse.IdentifierPatterns;

/**
 * A file that could not be read at all: the whole file is rejected, the others go on. The problem
 * is in English (printed and stored) and in Danish (for the municipality's data-quality workbook).
 * The name and the problem come partly from the input (a file name, its headers), so anything in
 * them that looks like a CPR or phone number is masked before the rejection is printed or stored.
 */
public record FileRejection(String file, String problem, String problemDansk) {
  public FileRejection {
    file = IdentifierPatterns.mask(file);
    problem = IdentifierPatterns.mask(problem);
    problemDansk = IdentifierPatterns.mask(problemDansk);
  }

  public FileRejection(String file, ProblemText problem) {
    this(file, problem.english(), problem.dansk());
  }

  @Override
  public String toString() {
    return file + ": " + problem;
  }
}
