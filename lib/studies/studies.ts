import { disorder } from "./disorder.ts";
import { expressivity } from "./expressivity.ts";
import { gauge } from "./gauge.ts";
import { interpretability } from "./interpretability.ts";
import { literatureCybinski } from "./literature_cybinski.ts";
import { literatureCybinskiOwnInput } from "./literature_cybinski_own_input.ts";
import { literatureHolanda } from "./literature_holanda.ts";
import { literatureHolandaOwnInput } from "./literature_holanda_own_input.ts";
import { phaseDiagram } from "./phase_diagram.ts";
import { size } from "./size.ts";
import { stress } from "./stress.ts";
import type { Study } from "./study.ts";
import { trainability } from "./trainability.ts";
import { winding } from "./winding.ts";

/** The studies of suite v1, in report order (issue 5's list). */
export const STUDIES: readonly Study[] = [
  expressivity,
  trainability,
  disorder,
  gauge,
  size,
  winding,
  stress,
  interpretability,
  phaseDiagram,
  // h-lit (issue 14): two published protocols reproduced.
  literatureCybinski,
  literatureHolanda,
  // issue 14, added after 0.3.0's publication: the measured explanations, every architecture.
  literatureCybinskiOwnInput,
  literatureHolandaOwnInput,
];

/**
 * The studies named (all when `names` is empty); a `RangeError` naming the unknown one and the
 * known names otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectStudies } from "./studies.ts";
 *
 * assert.equal(selectStudies(["disorder"])[0].name, "disorder");
 * assert.throws(() => selectStudies(["vibes"]), /Unknown study "vibes": known are expressivity/);
 * ```
 */
export function selectStudies(names: readonly string[] = []): Study[] {
  if (names.length === 0) return [...STUDIES];
  return names.map((name) => {
    const study = STUDIES.find((entry) => entry.name === name);
    if (!study) {
      throw new RangeError(
        `Unknown study "${name}": known are ${STUDIES.map((entry) => entry.name).join(", ")}`,
      );
    }
    return study;
  });
}
