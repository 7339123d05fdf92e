import type { JSX } from "preact";

const BADGE_TITLES: Record<string, string> = {
  baseline: "a proxy baseline: a fixed feature and a linear read-out",
  oracle: "a proxy that reads the physics answer",
  "trained-elsewhere":
    "trained outside the suite (PyTorch, JAX, … exported as ONNX) and only evaluated here, in the sandbox; no training metric is shown",
};
/**
 * Badges of an architecture: exact-invariant, size-agnostic, community (with what it
 * self-reports), baseline, oracle, trained-elsewhere (an ONNX-track model the suite only
 * evaluates: it reports no training numbers, so it carries no self-reported badge).
 */
export function Badges(
  props: {
    exactInvariant?: boolean | null;
    sizeAgnostic?: boolean | null;
    community?: boolean;
    badges?: readonly string[];
  },
): JSX.Element {
  return (
    <>
      {props.exactInvariant && (
        <span class="badge exact" title="can express the invariant exactly (has an exact init)">
          exact-invariant
        </span>
      )}
      {props.sizeAgnostic && (
        <span class="badge agnostic" title="one set of weights applies to chains of any size">
          size-agnostic
        </span>
      )}
      {props.community && (
        <span class="badge community" title="an outside submission">community</span>
      )}
      {(props.badges ?? []).map((badge) => (
        <span
          class={`badge ${badge}`}
          title={BADGE_TITLES[badge] ?? badge}
        >
          {badge}
        </span>
      ))}
      {props.community && !props.badges?.includes("trained-elsewhere") && (
        <span
          class="badge self-reported"
          title="scored by the suite from its predictions; its parameter count, training loss, gradient norms and distance from exact are self-reported (SUBMITTING.md)"
        >
          self-reported parameters
        </span>
      )}
    </>
  );
}
