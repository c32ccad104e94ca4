package dk.jobsurvey.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads conf/survey.yaml and conf/questionnaire.yaml into records, strictly: an unknown key, a
 * missing or repeated key, a value of the wrong type or out of range fails with a {@link
 * ConfigException} whose message names the file, the key path and what is expected. A repeated key
 * is an error because YAML parsers otherwise keep the last value silently, so a stray line further
 * down would overrule the setting a reader sees first.
 */
public final class ConfigLoader {
  private static final Pattern MISSING_PROPERTY = Pattern.compile("(?:Missing(?: required)?|Null value for) creator property '([^']+)'");
  private static final Pattern REJECTED_VALUE = Pattern.compile("value \\(\"([^\"]*)\"\\)");
  /** Jackson reports a repeated key as a parse error of no type of its own; its message names the key. */
  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '([^']+)'");

  private static final ObjectMapper MAPPER = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private ConfigLoader() {}

  public static Survey survey(Path file) {
    return load(file, Survey.class);
  }

  public static QuestionnaireVersions questionnaireVersions(Path file) {
    return load(file, QuestionnaireVersions.class);
  }

  /** The questionnaire round {@code round} was asked with; a round before the first version names the file. */
  public static Questionnaire questionnaire(Path file, String round) {
    return forRound(file, questionnaireVersions(file), round);
  }

  /** {@link QuestionnaireVersions#forRound}, failing with a message that names the file. */
  public static Questionnaire forRound(Path file, QuestionnaireVersions versions, String round) {
    try {
      return versions.forRound(round);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T load(Path file, Class<T> type) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": file not found (pass another with --config)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
    if (bytes.length == 0) {
      throw new ConfigException(file + ": the file is empty; expected the YAML keys of " + type.getSimpleName());
    }
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new ConfigException(file + ": the file holds no YAML mapping");
      }
      return value;
    } catch (JsonParseException e) {
      throw new ConfigException(file + ": " + duplicateKey(e, "")
          .orElse("not valid YAML" + location(e) + ": " + e.getOriginalMessage()), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(file + ": " + describe(e), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
  }

  /** "duplicate key 'suppression.min_respondents' at line 4 ...", when the parse error is a repeated key. */
  private static Optional<String> duplicateKey(JsonParseException e, String path) {
    Matcher duplicate = DUPLICATE_KEY.matcher(e.getOriginalMessage());
    return duplicate.find()
        ? Optional.of("duplicate key '" + join(path, duplicate.group(1)) + "'" + location(e) + "; a key may be given only once in a mapping")
        : Optional.empty();
  }

  /** One sentence saying which key is wrong and what is expected. */
  private static String describe(JsonMappingException e) {
    String path = keyPath(e.getPath());
    if (e.getCause() instanceof JsonParseException parse) {
      Optional<String> duplicate = duplicateKey(parse, path);
      if (duplicate.isPresent()) {
        return duplicate.get();
      }
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String key = path.endsWith(unknown.getPropertyName()) ? path : join(path, unknown.getPropertyName());
      return "unknown key '" + key + "'" + location(e) + "; expected one of " + known(unknown.getKnownPropertyIds());
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigValueException invalid) {
      String key = path.endsWith(invalid.key()) ? path : join(path, invalid.key());
      return "key '" + key + "'" + location(e) + ": expected " + invalid.getMessage();
    }
    if (e instanceof InvalidFormatException format) {
      return "key '" + path + "'" + location(e) + ": expected " + typeName(format.getTargetType())
          + ", got '" + format.getValue() + "'";
    }
    if (e instanceof MismatchedInputException mismatch) {
      Matcher missing = MISSING_PROPERTY.matcher(e.getOriginalMessage());
      if (missing.find()) {
        String key = path.endsWith(missing.group(1)) ? path : join(path, missing.group(1));
        return "missing key '" + key + "'" + location(e) + " (every key must be given; see conf/"
            + "survey.yaml in the project for the defaults)";
      }
      Matcher rejected = REJECTED_VALUE.matcher(e.getOriginalMessage());
      return "key '" + path + "'" + location(e) + ": expected " + typeName(mismatch.getTargetType())
          + (rejected.find() ? ", got '" + rejected.group(1) + "'" : "");
    }
    return "key '" + path + "'" + location(e) + ": " + e.getOriginalMessage();
  }

  private static String keyPath(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String known(Collection<Object> ids) {
    TreeSet<String> names = new TreeSet<>();
    ids.forEach(id -> names.add(String.valueOf(id)));
    return names.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type == LocalDate.class) {
      return "a date like 2023-06-30";
    }
    if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys";
    }
    return "a " + type.getSimpleName();
  }
}
