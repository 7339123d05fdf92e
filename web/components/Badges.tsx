import type { JSX } from "preact";

const BADGE_TITLES: Record<string, string> = {
  oracle: "a proxy that reads the physics answer",
  baseline: "a proxy baseline: a fixed feature and a linear read-out",
  "trained-elsewhere":
    "trained outside the suite (an ONNX model): the suite scores it, it did not train it",
};

/** Badges of an architecture: exact-invariant, size-agnostic, community (with what it self-reports), baseline, oracle, trained-elsewhere. */
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
      {props.community && (
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
