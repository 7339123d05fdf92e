import type { JSX } from "preact";
/** Badges of an architecture: exact-invariant, size-agnostic, community (with what it self-reports), baseline, oracle. */
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
          title={badge === "oracle"
            ? "a proxy that reads the physics answer"
            : "a proxy baseline: a fixed feature and a linear read-out"}
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
