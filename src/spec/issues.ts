import type * as z from "zod";
import { describe, quote } from "./describe.js";
import { valueAt } from "./path.js";
import type { Path, Segment } from "./path.js";
import type { Problem } from "./problem.js";
import { LAYER_KEYS, SAMPLE_KEYS, SPEC_KEYS } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { LETTER_KEYS, LOSSES } from "./types.js";

type Issue = z.core.$ZodIssue;

/** zod's issues in an instructor's words, one problem per issue (one per key for unknown keys). */
export function issueProblems(issue: Issue, data: unknown, prefix: Path = []): Problem[] {
  const path: Segment[] = [...prefix, ...issue.path.filter((s): s is Segment => typeof s !== "symbol")];
  const input = valueAt(data, path);
  const present = input !== undefined;
  switch (issue.code) {
    case "invalid_type":
      if (!present) return [{ path, message: `missing; ${requiredHint(path)}` }];
      return [{ path, message: typeMessage(issue.expected, input) }];
    case "invalid_value": {
      if (!present) return [{ path, message: `missing; ${requiredHint(path)}` }];
      const values = issue.values.map(String);
      const noun = enumNoun(path);
      if (typeof input === "string") {
        const hint = didYouMean(input, values);
        return [{ path, message: `unknown ${noun} ${quote(input)}${hint || `; choose one of ${values.join(", ")}`}` }];
      }
      return [{ path, message: `expected one of ${values.join(", ")}, not ${describe(input)}` }];
    }
    case "too_small":
      if (issue.origin === "number") {
        const bound = Number(issue.minimum);
        const found = describe(input).replace(/^the number /, "");
        const rule = issue.inclusive ? `at least ${bound}` : `greater than ${bound}`;
        return [{ path, message: `must be ${rule}, not ${found}${rangeHint(path)}` }];
      }
      return [{ path, message: `needs at least ${Number(issue.minimum)} entries` }];
    case "too_big":
      if (issue.origin === "number") {
        const found = describe(input).replace(/^the number /, "");
        const rule = issue.inclusive ? `at most ${Number(issue.maximum)}` : `less than ${Number(issue.maximum)}`;
        return [{ path, message: `must be ${rule}, not ${found}${rangeHint(path)}` }];
      }
      return [{ path, message: `may have at most ${Number(issue.maximum)} entries` }];
    case "invalid_format":
      return [
        {
          path,
          message:
            `${describe(input)} is not allowed: use 1 to 12 plain letters A–Z or a–z ` +
            "(a Greek letter by name, e.g. omega); no LaTeX, digits or symbols",
        },
      ];
    case "unrecognized_keys": {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) => {
        const hint = didYouMean(key, allowed);
        const what = path.length === 1 && path[0] === "letters" ? "letter role" : "key";
        return {
          path: [...path, key],
          at: "key" as const,
          message: `unknown ${what} ${quote(key)}${hint || `; allowed here: ${allowed.join(", ")}`}`,
        };
      });
    }
    case "invalid_union": {
      // The value matched one branch's outer type (a list, say) and failed inside it: report that branch.
      const inner = issue.errors.find((branch) => branch.length > 0 && branch.every((e) => e.path.length > 0));
      if (inner) return inner.flatMap((e) => issueProblems(e, data, path));
      return [{ path, message: `expected ${unionNoun(path)}, not ${describe(input)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

const NOUNS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  string: "text",
  array: "a list",
  object: "a mapping (key: value lines)",
  record: "a mapping (key: value lines)",
};

function typeMessage(expected: string, input: unknown): string {
  if ((expected === "number" || expected === "int") && typeof input === "number") {
    if (!Number.isFinite(input)) return `expected a finite number, not ${describe(input)}`;
    return `expected a whole number, not ${input}`;
  }
  const noun = NOUNS[expected] ?? expected;
  let hint = "";
  if (typeof input === "string") {
    const t = input.trim();
    if ((expected === "number" || expected === "int") && t !== "" && Number.isFinite(Number(t))) hint = "; remove the quotes";
    if (expected === "boolean" && /^(true|false)$/i.test(t)) hint = "; remove the quotes";
    if (expected === "boolean" && /^(yes|no|on|off|y|n)$/i.test(t)) hint = "; YAML 1.2 reads this as text, write true or false";
  }
  return `expected ${noun}, not ${describe(input)}${hint}`;
}

/** Which key list applies at a mapping's path. */
function allowedKeys(path: Path): readonly string[] {
  if (path.length === 0) return SPEC_KEYS;
  if (path.length === 2 && path[0] === "layers") return LAYER_KEYS;
  if (path.length === 2 && path[0] === "samples") return SAMPLE_KEYS;
  if (path.length === 1 && path[0] === "letters") return LETTER_KEYS;
  return [];
}

/** What a training setting's range means, after "must be less than 1, not 1.5". */
function rangeHint(path: Path): string {
  if (path.length !== 1) return "";
  const key = path[0];
  if (key === "momentum" || key === "rho" || key === "beta1" || key === "beta2") {
    return `; ${String(key)} is a decay rate, at least 0 and less than 1`;
  }
  if (key === "epsilon") return "; ε keeps the step finite where the mean square is 0 (typically 1e-8)";
  return "";
}

function enumNoun(path: Path): string {
  const last = [...path].reverse().find((s) => typeof s === "string");
  return typeof last === "string" ? last.replace(/_/g, " ") : "value";
}

function unionNoun(path: Path): string {
  if (path[0] === "biases") return "a number (one bias shared by the layer) or a list of numbers (one per neuron)";
  return "a different kind of value";
}

function requiredHint(path: Path): string {
  const key = path[path.length - 1];
  if (path.length === 1) {
    if (key === "learning_rate") return "every spec needs a learning_rate, a number greater than 0";
    if (key === "loss") return `every spec needs a loss: one of ${LOSSES.join(", ")}`;
    if (key === "layers") return "every spec needs layers: a list whose first entry is the input layer";
  }
  if (path[0] === "layers" && key === "size") return "every layer needs a size (its number of neurons)";
  if (path[0] === "samples") return "every sample needs both an input and a target";
  return "this field is required";
}
